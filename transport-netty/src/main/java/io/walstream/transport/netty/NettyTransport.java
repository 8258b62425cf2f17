package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected Netty channel as a walstream {@link Transport}. Made by {@link Connector}.
 *
 * <p><b>Thread safety:</b> the accessors and {@link #close()} are safe from any thread; {@code close()} is
 * idempotent, wakes a blocked read at once, and gives the event loop group back (shutting walstream's shared
 * group down if this was its last transport, never a caller's group).
 */
final class NettyTransport implements Transport {

    /** How long close waits for the channel to close, off the event loop. */
    static final long CLOSE_WAIT_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    private final Channel channel;
    private final NettyByteSource source;
    private final NettyByteSink sink;
    private final EventLoopLease lease;
    private final TransportInfo info;
    private final AtomicBoolean closed = new AtomicBoolean();

    NettyTransport(Endpoint endpoint, Channel channel, NettyByteSource source, NettyByteSink sink,
                   EventLoopLease lease) {
        this.channel = channel;
        this.source = source;
        this.sink = sink;
        this.lease = lease;
        String detail = NativeTransport.isEpollChannel(channel) ? "epoll" : "nio";
        this.info = new TransportInfo(NettyTransportProvider.NAME, endpoint, channel.localAddress(),
                channel.remoteAddress(), detail);
        source.owner(this);
        sink.owner(this);
    }

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteSink sink() {
        return sink;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        source.markClosed();
        sink.markClosed();
        ChannelFuture f = channel.close();
        if (!channel.eventLoop().inEventLoop() && !f.awaitUninterruptibly(CLOSE_WAIT_MILLIS)) {
            log.debug("netty channel to {} did not close within {} ms", info.endpoint(), CLOSE_WAIT_MILLIS);
        }
        lease.release();
        log.debug("Closed netty transport to {}", info.endpoint());
    }

    /** @return the channel; for tests */
    Channel channel() {
        return channel;
    }

    /** @return the group the channel runs on; for tests */
    EventLoopGroup eventLoopGroup() {
        return lease.group();
    }

    @Override
    public String toString() {
        return "NettyTransport{" + info.endpoint() + ", " + info.detail() + (closed.get() ? ", closed" : "") + "}";
    }
}
