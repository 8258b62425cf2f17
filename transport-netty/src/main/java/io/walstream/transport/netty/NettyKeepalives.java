package io.walstream.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.net.SocketOption;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies libpq's keepalive tuning ({@link TransportOption#KEEPALIVE_IDLE}, {@link TransportOption#KEEPALIVE_INTERVAL},
 * {@link TransportOption#KEEPALIVE_COUNT}) and {@link TransportOption#TCP_USER_TIMEOUT} to a connected channel:
 * on epoll all four, on NIO the first three through {@code jdk.net} where the platform supports them.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class NettyKeepalives {

    private static final Logger log = LoggerFactory.getLogger(NettyKeepalives.class);

    private NettyKeepalives() {
    }

    static void apply(Channel channel, TransportOptions options) {
        if (!Boolean.TRUE.equals(options.get(TransportOption.KEEPALIVE))) {
            return;
        }
        int idle = seconds(options.get(TransportOption.KEEPALIVE_IDLE));
        int interval = seconds(options.get(TransportOption.KEEPALIVE_INTERVAL));
        Integer countValue = options.get(TransportOption.KEEPALIVE_COUNT);
        int count = countValue == null ? 0 : countValue;
        Duration user = options.get(TransportOption.TCP_USER_TIMEOUT);
        int userMillis = user == null ? 0 : (int) Math.min(Integer.MAX_VALUE, user.toMillis());
        if (idle == 0 && interval == 0 && count == 0 && userMillis == 0) {
            return;
        }
        if (NativeTransport.applyKeepalives(channel, idle, interval, count, userMillis)) {
            return;
        }
        set(channel, ExtendedSocketOptions.TCP_KEEPIDLE, idle);
        set(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, interval);
        set(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, count);
        if (userMillis > 0) {
            log.debug("TransportOption.tcpUserTimeout needs the epoll transport; not applied on {}", channel);
        }
    }

    private static int seconds(Duration d) {
        return d == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toSeconds()));
    }

    private static void set(Channel channel, SocketOption<Integer> option, int value) {
        if (value <= 0) {
            return;
        }
        if (!channel.config().setOption(NioChannelOption.of(option), value)) {
            log.debug("Socket option {} is not supported on {}; left at the system default", option, channel);
        }
    }
}
