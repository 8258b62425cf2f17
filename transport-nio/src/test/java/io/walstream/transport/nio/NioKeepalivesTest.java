package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/** libpq's keepalives_idle / _interval / _count reach the socket of an nio connection. */
class NioKeepalivesTest {

    @Test
    void keepaliveTuningIsSetOnTheSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SocketChannel channel = SocketChannel.open()) {
            assumeTrue(channel.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE),
                    "the platform has no TCP_KEEPIDLE");
            channel.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            NioKeepalives.apply(channel, TransportOptions.builder()
                    .set(TransportOption.KEEPALIVE_IDLE, Duration.ofSeconds(17))
                    .set(TransportOption.KEEPALIVE_INTERVAL, Duration.ofSeconds(3))
                    .set(TransportOption.KEEPALIVE_COUNT, 4).build());
            assertEquals(17, channel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
            assertEquals(3, channel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
            assertEquals(4, channel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        }
    }
}
