/**
 * walstream transport on {@code java.nio.channels.SocketChannel}: the default transport, with no dependency
 * beyond the JDK and walstream's core.
 *
 * <p>Found by {@link java.util.ServiceLoader} as the {@link io.walstream.spi.TransportProvider} named
 * {@code nio}.
 */
module io.walstream.transport.nio {
    requires transitive io.walstream.core;
    requires jdk.net;

    exports io.walstream.transport.nio;

    provides io.walstream.spi.TransportProvider with io.walstream.transport.nio.NioTransportProvider;
}
