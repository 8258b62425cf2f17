package io.walstream.transport.nio;

import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TransportOption#KEEPALIVE_IDLE}, {@link TransportOption#KEEPALIVE_INTERVAL} and
 * {@link TransportOption#KEEPALIVE_COUNT} (libpq's {@code keepalives_*}) through {@code jdk.net}'s extended
 * socket options where the platform supports them; {@link TransportOption#TCP_USER_TIMEOUT} has no JDK socket
 * option and is reported once at DEBUG.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class NioKeepalives {

    private static final Logger log = LoggerFactory.getLogger(NioKeepalives.class);

    private NioKeepalives() {
    }

    static void apply(NetworkChannel channel, TransportOptions options) throws IOException {
        if (!Boolean.TRUE.equals(options.get(TransportOption.KEEPALIVE))) {
            return;
        }
        seconds(channel, ExtendedSocketOptions.TCP_KEEPIDLE, options.get(TransportOption.KEEPALIVE_IDLE));
        seconds(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, options.get(TransportOption.KEEPALIVE_INTERVAL));
        Integer count = options.get(TransportOption.KEEPALIVE_COUNT);
        if (count != null && count > 0) {
            set(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, count);
        }
        if (options.get(TransportOption.TCP_USER_TIMEOUT) != null) {
            log.debug("TransportOption.tcpUserTimeout is not supported by the nio transport (no JDK socket option);"
                    + " use the netty transport on epoll");
        }
    }

    private static void seconds(NetworkChannel channel, SocketOption<Integer> option, Duration value)
            throws IOException {
        if (value != null && value.toSeconds() > 0) {
            set(channel, option, (int) Math.min(Integer.MAX_VALUE, value.toSeconds()));
        }
    }

    private static void set(NetworkChannel channel, SocketOption<Integer> option, int value) throws IOException {
        if (channel.supportedOptions().contains(option)) {
            channel.setOption(option, value);
        } else {
            log.debug("Socket option {} is not supported on this platform; left at the system default", option);
        }
    }
}
