package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.walstream.spi.TransportOptions;

/**
 * Chooses the event loop group and channel type for a connection from its options: the caller's group (with
 * its channel factory, given or derived), else walstream's shared epoll group when preferred and available,
 * else the shared NIO group.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
final class EventLoops {

    private EventLoops() {
    }

    /**
     * @param options the connection's options
     * @return whether {@link #lease} will accept them
     */
    static boolean supports(TransportOptions options) {
        EventLoopGroup group = options.get(NettyTransportOptions.EVENT_LOOP_GROUP);
        return group == null || (!group.isShuttingDown() && channelFactory(options, group) != null);
    }

    /**
     * @param options the connection's options
     * @return the lease to run the connection on; release it exactly once
     * @throws IllegalArgumentException if a caller's group is shut down or its channel type is unknown
     */
    static EventLoopLease lease(TransportOptions options) {
        EventLoopGroup group = options.get(NettyTransportOptions.EVENT_LOOP_GROUP);
        if (group != null) {
            if (group.isShuttingDown()) {
                throw new IllegalArgumentException("NettyTransportOptions.EVENT_LOOP_GROUP " + group
                        + " is shut down; pass a live group");
            }
            ChannelFactory<? extends Channel> factory = channelFactory(options, group);
            if (factory == null) {
                throw new IllegalArgumentException("Cannot tell which channel type matches the event loop group "
                        + group.getClass().getName()
                        + "; set NettyTransportOptions.CHANNEL_FACTORY, e.g. NioSocketChannel::new");
            }
            return EventLoopLease.callerOwned(group, factory);
        }
        if (options.get(NettyTransportOptions.PREFER_NATIVE) && NativeTransport.isEpollAvailable()) {
            return EpollAccess.SHARED.acquire();
        }
        return SharedEventLoopGroup.NIO.acquire();
    }

    /**
     * @param preferNative whether epoll is preferred
     * @return the shared group that {@link #lease} would use, or {@code null} if it is not running; for tests
     */
    static EventLoopGroup currentShared(boolean preferNative) {
        if (preferNative && NativeTransport.isEpollAvailable()) {
            return EpollAccess.SHARED.current();
        }
        return SharedEventLoopGroup.NIO.current();
    }

    private static ChannelFactory<? extends Channel> channelFactory(TransportOptions options, EventLoopGroup group) {
        ChannelFactory<? extends Channel> given = options.get(NettyTransportOptions.CHANNEL_FACTORY);
        if (given != null) {
            return given;
        }
        if (group instanceof IoEventLoopGroup && ((IoEventLoopGroup) group).isIoType(NioIoHandler.class)) {
            return NioSocketChannel::new;
        }
        return NativeTransport.epollChannelFactoryFor(group);
    }
}
