package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;

/**
 * Guarded access to native epoll: answers whether it can be used without ever linking an epoll class when
 * {@code netty-transport-classes-epoll} is absent. Every epoll class reference lives in {@link EpollAccess},
 * which is only touched after {@link #epollClassesPresent()} said yes.
 *
 * <p><b>Thread safety:</b> stateless after class initialisation; safe from any thread.
 */
final class NativeTransport {

    /**
     * Whether {@link EpollAccess} initialised: the epoll classes and what they link against (for example
     * {@code netty-transport-native-unix-common}) are present. Every call into {@link EpollAccess} is guarded by
     * this, so a partial set of epoll jars means NIO, never a {@link NoClassDefFoundError} on connect.
     */
    private static final boolean CLASSES_PRESENT = probeClasses() && probeAccess();
    private static final boolean EPOLL_AVAILABLE = CLASSES_PRESENT && probeEpoll();

    private NativeTransport() {
    }

    /** @return whether the epoll classes can be loaded (they may still lack their native library) */
    static boolean epollClassesPresent() {
        return CLASSES_PRESENT;
    }

    /** @return whether native epoll loaded and works here */
    static boolean isEpollAvailable() {
        return EPOLL_AVAILABLE;
    }

    /**
     * @param group a caller's group
     * @return a factory for epoll socket channels if {@code group} runs epoll, else {@code null}
     */
    static ChannelFactory<? extends Channel> epollChannelFactoryFor(EventLoopGroup group) {
        return CLASSES_PRESENT ? EpollAccess.channelFactoryFor(group) : null;
    }

    /**
     * @param channel a channel
     * @return whether it is an epoll channel
     */
    static boolean isEpollChannel(Channel channel) {
        return CLASSES_PRESENT && EpollAccess.isEpollChannel(channel);
    }

    private static boolean probeClasses() {
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, NativeTransport.class.getClassLoader());
            Class.forName("io.netty.channel.epoll.EpollIoHandler", false, NativeTransport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean probeAccess() {
        try {
            Class.forName(NativeTransport.class.getPackageName() + ".EpollAccess", true,
                    NativeTransport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean probeEpoll() {
        try {
            return EpollAccess.isAvailable();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Applies the keepalive tuning on an epoll channel.
     *
     * @return whether the channel was an epoll channel (otherwise nothing was done)
     */
    static boolean applyKeepalives(Channel channel, int idleSecs, int intervalSecs, int count, int userTimeoutMillis) {
        if (!isEpollChannel(channel)) {
            return false;
        }
        EpollAccess.applyKeepalives(channel, idleSecs, intervalSecs, count, userTimeoutMillis);
        return true;
    }
}
