package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * walstream's own event loop group of one I/O type, shared by every transport that was not given a group:
 * reference counted, created on the first {@link #acquire()} and shut down gracefully (with a bounded wait)
 * when the last lease is released. The next acquire then creates a fresh group.
 *
 * <p><b>Thread safety:</b> thread-safe; acquire and release may race from any threads.
 */
final class SharedEventLoopGroup {

    /** The shared NIO group, always usable. */
    static final SharedEventLoopGroup NIO =
            new SharedEventLoopGroup("nio", NioIoHandler::newFactory, NioSocketChannel::new);

    /** Graceful shutdown timeout; the wait for termination adds one more second. */
    static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(SharedEventLoopGroup.class);

    private final String kind;
    private final Supplier<IoHandlerFactory> ioHandlerFactory;
    private final ChannelFactory<? extends Channel> channelFactory;
    private EventLoopGroup group;
    private int references;

    SharedEventLoopGroup(String kind, Supplier<IoHandlerFactory> ioHandlerFactory,
                         ChannelFactory<? extends Channel> channelFactory) {
        this.kind = kind;
        this.ioHandlerFactory = ioHandlerFactory;
        this.channelFactory = channelFactory;
    }

    /** @return a lease on the group, creating it if no transport holds one; release it exactly once */
    EventLoopLease acquire() {
        EventLoopGroup g;
        synchronized (this) {
            if (group == null) {
                int threads = Math.max(1, Math.min(4, NettyRuntime.availableProcessors()));
                group = new MultiThreadIoEventLoopGroup(threads,
                        new DefaultThreadFactory("walstream-netty-" + kind, true), ioHandlerFactory.get());
                log.debug("Created the shared netty {} event loop group with {} daemon threads", kind, threads);
            }
            references++;
            g = group;
        }
        return new EventLoopLease(g, channelFactory, () -> release(g));
    }

    /** @return the live shared group, or {@code null} if no transport uses it; for tests */
    synchronized EventLoopGroup current() {
        return group;
    }

    private void release(EventLoopGroup leased) {
        synchronized (this) {
            if (leased != group) {
                return; // cannot happen: a lease is released once and its group lives while leased
            }
            if (--references > 0) {
                return;
            }
            group = null;
        }
        Future<?> terminated = leased.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (!isInside(leased)) {
            if (!terminated.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000)) {
                log.warn("The shared netty {} event loop group did not terminate within {} ms; continuing",
                        kind, SHUTDOWN_TIMEOUT_MILLIS + 1_000);
                return;
            }
        }
        log.debug("Shut down the shared netty {} event loop group after its last transport closed", kind);
    }

    /**
     * @param group a group
     * @return whether the calling thread is one of the group's event loop threads
     */
    static boolean isInside(EventLoopGroup group) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
