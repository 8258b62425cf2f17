package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event loop group one transport runs on, with the matching channel factory, and what to do when the
 * transport no longer needs it: nothing for a caller-owned group, a reference count decrement for the
 * {@link SharedEventLoopGroup}.
 *
 * <p><b>Thread safety:</b> thread-safe; {@link #release()} acts once however often and wherever called.
 */
final class EventLoopLease {

    private final EventLoopGroup group;
    private final ChannelFactory<? extends Channel> channelFactory;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    EventLoopLease(EventLoopGroup group, ChannelFactory<? extends Channel> channelFactory, Runnable onRelease) {
        this.group = group;
        this.channelFactory = channelFactory;
        this.onRelease = onRelease;
    }

    /**
     * @param group the caller's group, never shut down by walstream
     * @param channelFactory the channel factory matching it
     * @return a lease whose release does nothing
     */
    static EventLoopLease callerOwned(EventLoopGroup group, ChannelFactory<? extends Channel> channelFactory) {
        return new EventLoopLease(group, channelFactory, () -> { });
    }

    EventLoopGroup group() {
        return group;
    }

    ChannelFactory<? extends Channel> channelFactory() {
        return channelFactory;
    }

    /** Gives the group back; the first call only. */
    void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
