/**
 * A walstream {@link io.walstream.spi.TransportProvider} on Netty 4.2 channels.
 *
 * <p>{@link io.walstream.transport.netty.NettyTransportProvider} (name {@code netty}, priority 5) connects
 * with a Netty {@code Bootstrap}. By default it runs on a shared event loop group of daemon threads, native
 * epoll when available, created on the first connection and shut down when the last one closes. A caller
 * that already runs Netty passes its own {@code EventLoopGroup} with
 * {@link io.walstream.transport.netty.NettyTransportOptions#EVENT_LOOP_GROUP}; walstream never shuts that
 * group down.
 *
 * <p>Inbound bytes are queued for the blocking {@link io.walstream.spi.ByteSource} up to
 * {@link io.walstream.spi.TransportOption#READ_BUFFER_SIZE}; above it the channel stops reading from the
 * network ({@code autoRead} off) until the reader has drained half of it.
 */
package io.walstream.transport.netty;
