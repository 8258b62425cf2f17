package io.walstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.Transport;
import io.walstream.testkit.wire.LoopbackPeer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ReadProbe} and {@link BlockedRead} see a read that waits, and only then. */
class ReadProbeTest {

    @Test
    void seesAReadBlockedOnAnIdleConnectionAndNothingBeforeIt() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> ByteSourceRules.drain(s.getInputStream()));
             Transport t = new PlainSocketTransportProvider().connect(peer.endpoint(),
                     io.walstream.spi.TransportOptions.defaults())) {
            assertFalse(ReadProbe.awaitBlockedRead(t.source(), Duration.ofMillis(50)), "no read is running yet");
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.source().read(ByteBuffer.allocate(8), TimeUnit.SECONDS.toNanos(30));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, LifecycleRules.daemonExecutor());
            assertTrue(ReadProbe.awaitBlockedRead(t.source(), Duration.ofSeconds(5)));
            assertFalse(read.isDone());
            t.close();
            assertEquals(-1, read.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void blockedReadReportsAReadThatReturnsAtOnceAsNotBlocked() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            s.getOutputStream().write(7);
            ByteSourceRules.drain(s.getInputStream());
        }); Transport t = new PlainSocketTransportProvider().connect(peer.endpoint(),
                io.walstream.spi.TransportOptions.defaults())) {
            ByteBuffer one = ByteBuffer.allocate(1);
            SuiteSupport.readExactly(ConformanceRule.BS_01, t.source(), 1, Duration.ofSeconds(5));
            BlockedRead idle = BlockedRead.start(t.source(), ByteBuffer.allocate(8), TimeUnit.SECONDS.toNanos(30));
            assertTrue(idle.awaitBlocked(Duration.ofSeconds(5)), "an idle read is seen blocked");
            t.close();
            assertEquals(-1, idle.outcome(Duration.ofSeconds(5)));
            BlockedRead closed = BlockedRead.start(t.source(), one, TimeUnit.SECONDS.toNanos(30));
            assertFalse(closed.awaitBlocked(Duration.ofSeconds(5)), "a read on a closed transport returns at once");
            assertEquals(-1, closed.outcome(Duration.ofSeconds(1)));
        }
    }
}
