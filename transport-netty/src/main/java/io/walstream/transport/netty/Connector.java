package io.walstream.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link NettyTransport}: resolves the host on the calling thread (never on an event loop), tries
 * each address in turn within the connect timeout, and waits for the connection on the calling thread.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread except an event loop thread of the group used.
 */
final class Connector {

    /** Outbound buffer marks: a write waits while more than the high mark is queued in the channel. */
    static final WriteBufferWaterMark WRITE_WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

    /** Netty's defaults for the smallest and the first socket read of the adaptive read-size guess. */
    static final int MIN_READ = 64;
    static final int INITIAL_READ = 2048;

    /** The largest socket read: bounds the read-ahead beyond the high-water mark. */
    static final int MAX_READ = 256 * 1024;

    /** Extra time the caller waits beyond Netty's own connect timeout before giving up itself. */
    private static final long CONNECT_SLACK_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    private Connector() {
    }

    static NettyTransport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Duration timeout = options.get(TransportOption.CONNECT_TIMEOUT);
        long timeoutMillis = timeout == null || timeout.isNegative() || timeout.isZero()
                ? 0 : Math.max(1, saturatedMillis(timeout));
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        InetAddress[] addresses = resolve(endpoint);

        EventLoopLease lease = EventLoops.lease(options);
        boolean connected = false;
        try {
            if (SharedEventLoopGroup.isInside(lease.group())) {
                throw new IllegalStateException("Connecting to " + endpoint + " from an event loop thread of the"
                        + " group the connection would use would deadlock; connect from another thread");
            }
            IOException failure = null;
            for (InetAddress address : addresses) {
                long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.currentTimeMillis();
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                try {
                    NettyTransport t = connectOnce(endpoint, address, options, lease, left);
                    connected = true;
                    log.debug("Connected netty transport to {} ({}), {}", endpoint, t.info().remoteAddress(),
                            t.info().detail());
                    return t;
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    if (failure != null) {
                        e.addSuppressed(failure);
                    }
                    failure = e;
                }
            }
            if (failure == null) {
                failure = new ConnectException("netty transport could not connect to " + endpoint + " within "
                        + timeoutMillis + " ms; check the address or raise TransportOption.CONNECT_TIMEOUT");
            }
            throw failure;
        } finally {
            if (!connected) {
                lease.release();
            }
        }
    }

    private static NettyTransport connectOnce(Endpoint endpoint, InetAddress address, TransportOptions options,
                                              EventLoopLease lease, long timeoutMillis) throws IOException {
        long writeTimeout = saturatedNanos(options.isSet(NettyTransportOptions.WRITE_TIMEOUT)
                ? options.get(NettyTransportOptions.WRITE_TIMEOUT) : options.get(TransportOption.WRITE_TIMEOUT));
        NettyByteSource source = new NettyByteSource(endpoint.toString(), options.get(TransportOption.READ_BUFFER_SIZE));
        NettyByteSink sink = new NettyByteSink(endpoint.toString(), writeTimeout);
        Bootstrap bootstrap = new Bootstrap()
                .group(lease.group())
                .channelFactory(lease.channelFactory())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .option(ChannelOption.TCP_NODELAY, options.get(TransportOption.TCP_NODELAY))
                .option(ChannelOption.SO_KEEPALIVE, options.get(TransportOption.KEEPALIVE))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, Boolean.TRUE)
                .option(ChannelOption.AUTO_READ, Boolean.TRUE)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(MIN_READ, INITIAL_READ,
                        maxRead(options.get(TransportOption.READ_BUFFER_SIZE))))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("walstream", new TransportHandler(source, sink));
                    }
                });
        int rcvbuf = options.get(TransportOption.RECEIVE_BUFFER_SIZE);
        if (rcvbuf > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, rcvbuf);
        }
        int sndbuf = options.get(TransportOption.SEND_BUFFER_SIZE);
        if (sndbuf > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, sndbuf);
        }

        ChannelFuture f = bootstrap.connect(new InetSocketAddress(address, endpoint.port()));
        try {
            boolean done;
            if (timeoutMillis == 0) {
                f.await();
                done = true;
            } else {
                done = f.await(timeoutMillis + CONNECT_SLACK_MILLIS);
            }
            if (!done) {
                f.cancel(false);
                f.channel().close();
                throw new ConnectException("netty transport could not connect to " + endpoint + " ("
                        + address.getHostAddress() + ") within " + timeoutMillis
                        + " ms; check the address or raise TransportOption.CONNECT_TIMEOUT");
            }
        } catch (InterruptedException e) {
            f.cancel(false);
            f.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while connecting netty transport to " + endpoint);
        }
        if (!f.isSuccess()) {
            f.channel().close();
            throw translate(endpoint, address, f.cause());
        }
        NettyKeepalives.apply(f.channel(), options);
        return new NettyTransport(endpoint, f.channel(), source, sink, lease);
    }

    /**
     * The largest single socket read for a read-side buffer of {@code readBufferSize} bytes: that size, between
     * Netty's default 64 KiB and {@link #MAX_READ}. Larger reads cost the event loop fewer read calls, selector
     * wake-ups and hand-offs per byte (against the replay benchmark's fast sender, 256 KiB reads took about a
     * third less event-loop CPU than 64 KiB reads, and 128 KiB reads half of that gain), while memory stays
     * within the buffer plus one read.
     */
    static int maxRead(int readBufferSize) {
        return Math.max(64 * 1024, Math.min(readBufferSize, MAX_READ));
    }

    private static InetAddress[] resolve(Endpoint endpoint) throws UnknownHostException {
        try {
            return InetAddress.getAllByName(endpoint.host());
        } catch (UnknownHostException e) {
            UnknownHostException u = new UnknownHostException("netty transport cannot resolve the host of "
                    + endpoint + ": " + e.getMessage() + "; check the host name");
            u.initCause(e);
            throw u;
        }
    }

    private static IOException translate(Endpoint endpoint, InetAddress address, Throwable cause) {
        String message = "netty transport cannot connect to " + endpoint + " (" + address.getHostAddress() + "): "
                + (cause == null ? "cancelled" : cause.getMessage())
                + "; check that the server runs and accepts TCP connections there";
        IOException e;
        if (cause instanceof NoRouteToHostException) {
            e = new NoRouteToHostException(message);
        } else if (cause instanceof ConnectException) {
            e = new ConnectException(message);
        } else if (cause instanceof SocketException) {
            e = new SocketException(message);
        } else {
            e = new IOException(message);
        }
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static long saturatedNanos(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            return Long.MAX_VALUE / 4; // no limit, as TransportOption.WRITE_TIMEOUT documents
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
