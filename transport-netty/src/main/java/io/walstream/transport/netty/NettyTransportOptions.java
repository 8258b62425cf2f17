package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.walstream.spi.TransportOption;
import java.time.Duration;

/**
 * Typed {@link TransportOption} keys understood only by the {@code netty} transport. Set them with
 * {@link io.walstream.spi.TransportOptions.Builder#set}; other providers ignore them.
 *
 * <pre>{@code
 * EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
 * TransportOptions options = TransportOptions.builder()
 *         .set(NettyTransportOptions.EVENT_LOOP_GROUP, group)   // channel type derived from the group
 *         .build();
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable constants; safe from any thread.
 */
public final class NettyTransportOptions {

    /**
     * A caller-owned event loop group to run connections on. walstream never shuts it down: the caller does,
     * after closing every transport that uses it. The channel type is derived from the group for NIO and epoll
     * groups (a {@code MultiThreadIoEventLoopGroup} with {@code NioIoHandler} or {@code EpollIoHandler});
     * for any other group also set {@link #CHANNEL_FACTORY}. Default {@code null}: use walstream's shared
     * group of daemon threads, created on the first connection and shut down when the last one closes.
     */
    public static final TransportOption<EventLoopGroup> EVENT_LOOP_GROUP =
            new TransportOption<>("nettyEventLoopGroup", EventLoopGroup.class, null);

    /**
     * Makes the client channel for {@link #EVENT_LOOP_GROUP}, for example {@code NioSocketChannel::new}; it
     * must match the group's I/O type. Only read together with {@link #EVENT_LOOP_GROUP}. Default
     * {@code null}: derive it from the group.
     */
    public static final TransportOption<ChannelFactory<? extends Channel>> CHANNEL_FACTORY =
            new TransportOption<>("nettyChannelFactory", channelFactoryType(), null);

    /**
     * Whether the shared group uses native epoll when {@code netty-transport-native-epoll} for this platform
     * is on the class path or module path and loads. {@code false} forces NIO. Ignored with
     * {@link #EVENT_LOOP_GROUP}. Default {@code true}.
     */
    public static final TransportOption<Boolean> PREFER_NATIVE =
            new TransportOption<>("nettyPreferNative", Boolean.class, Boolean.TRUE);

    /**
     * How long a {@code write} may wait for the channel to become writable (the peer not reading), and how
     * long {@code flush} may wait for earlier writes to reach the network, before failing with an
     * {@link java.io.IOException}. When unset, {@link TransportOption#WRITE_TIMEOUT} applies (default 30 s);
     * zero or negative waits without limit.
     */
    public static final TransportOption<Duration> WRITE_TIMEOUT =
            new TransportOption<>("nettyWriteTimeout", Duration.class, Duration.ofSeconds(30));

    private NettyTransportOptions() {
    }

    @SuppressWarnings("unchecked")
    private static Class<ChannelFactory<? extends Channel>> channelFactoryType() {
        return (Class<ChannelFactory<? extends Channel>>) (Class<?>) ChannelFactory.class;
    }
}
