/**
 * walstream transport on Netty 4.2 channels: {@link io.walstream.transport.netty.NettyTransportProvider},
 * found by {@link java.util.ServiceLoader} under the name {@code netty}.
 *
 * <p>Native epoll is used when {@code netty-transport-native-epoll} for the platform is present and loads;
 * otherwise NIO. The epoll classes module is optional ({@code requires static}): without it this module
 * works on NIO alone.
 */
module io.walstream.transport.netty {
    requires transitive io.walstream.core;
    requires transitive io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires jdk.net;
    requires static io.netty.transport.classes.epoll;

    exports io.walstream.transport.netty;

    provides io.walstream.spi.TransportProvider with io.walstream.transport.netty.NettyTransportProvider;
}
