package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The only class that names epoll types. Loaded only through {@link NativeTransport} once the epoll classes
 * are known to be present, so a missing {@code netty-transport-classes-epoll} never causes a
 * {@link NoClassDefFoundError}.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
final class EpollAccess {

    /** The shared epoll group; created lazily with this class. */
    static final SharedEventLoopGroup SHARED =
            new SharedEventLoopGroup("epoll", EpollIoHandler::newFactory, EpollSocketChannel::new);

    private EpollAccess() {
    }

    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static ChannelFactory<? extends Channel> channelFactoryFor(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel::new;
        }
        return null;
    }

    static boolean isEpollChannel(Channel channel) {
        return channel instanceof EpollSocketChannel;
    }

    /** Sets libpq's keepalive tuning and {@code TCP_USER_TIMEOUT} on an epoll channel (0 leaves a value alone). */
    static void applyKeepalives(Channel channel, int idleSecs, int intervalSecs, int count, int userTimeoutMillis) {
        io.netty.channel.epoll.EpollSocketChannelConfig c = ((EpollSocketChannel) channel).config();
        if (idleSecs > 0) {
            c.setTcpKeepIdle(idleSecs);
        }
        if (intervalSecs > 0) {
            c.setTcpKeepIntvl(intervalSecs);
        }
        if (count > 0) {
            c.setTcpKeepCnt(count);
        }
        if (userTimeoutMillis > 0) {
            c.setTcpUserTimeout(userTimeoutMillis);
        }
    }
}
