package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.Transport;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TransportOption.WRITE_TIMEOUT: a peer that stops reading fails the write instead of blocking it forever. */
class NettyWriteTimeoutTest {

    @Test
    void writeToAPeerThatNeverReadsFailsAfterTheWriteTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (LoopbackPeer peer = LoopbackPeer.start(s -> done.await(60, TimeUnit.SECONDS))) {
            TransportOptions options = TransportOptions.builder()
                    .set(TransportOption.WRITE_TIMEOUT, Duration.ofMillis(500))
                    .set(TransportOption.SEND_BUFFER_SIZE, 64 * 1024)
                    .build();
            try (Transport t = new NettyTransportProvider().connect(peer.endpoint(), options)) {
                long start = System.nanoTime();
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 64; i++) {
                        t.sink().write(ByteBuffer.allocate(1024 * 1024));
                        t.sink().flush();
                    }
                });
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMs < 15_000, "the write failed only after " + tookMs + " ms");
                assertTrue(String.valueOf(e.getMessage()).contains(peer.endpoint().toString()), e.toString());
            } finally {
                done.countDown();
            }
        }
    }
}
