package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Defect 1: a walsender at a fast shutdown waits until the client reports everything sent as replicated (the
 * flush position if valid, else the write position). An idle stream must report the keepalive's WAL end as
 * written, in every flush mode, or the server never finishes shutting down.
 */
class ShutdownSequenceTest {

    private static final Lsn SENT = Lsn.of(0x5000000L);

    @Test
    void anIdleStreamLetsTheWalsenderFinishInEveryFlushMode() throws Exception {
        for (FlushMode mode : FlushMode.values()) {
            try (FakeWalSender server = FakeWalSender.start()) {
                server.enqueue(WalSenderScript.create().keepalive(SENT, false)
                        .shutdownLikePostgres(SENT, Duration.ofSeconds(2)));
                AtomicReference<Throwable> failure = new AtomicReference<>();
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server, mode)
                        .reconnect(io.walstream.ReconnectPolicy.NEVER).build())) {
                    Thread consumer = Streams.pullInBackground(stream, failure);
                    long deadline = System.nanoTime() + Streams.T.toNanos();
                    while (server.shutdownBlocked() == null && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertEquals(Boolean.FALSE, server.shutdownBlocked(), mode + ": the walsender could not finish; "
                            + "last status update " + server.lastStatusUpdate());
                    consumer.interrupt();
                }
            }
        }
    }

    @Test
    void afterATransactionTheAcknowledgedCommitLetsTheWalsenderFinish() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript script = Scripts.tx(WalSenderScript.create(), 1);
            server.enqueue(script.keepalive(Scripts.end(1), false)
                    .shutdownLikePostgres(Scripts.end(1), Duration.ofSeconds(2)));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .reconnect(io.walstream.ReconnectPolicy.NEVER).build())) {
                Streams.pullInBackground(stream, failure);
                long deadline = System.nanoTime() + Streams.T.toNanos();
                while (server.shutdownBlocked() == null && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertFalse(server.shutdownBlocked(), "last status update " + server.lastStatusUpdate());
            }
            assertNull(failure.get() instanceof AssertionError ? failure.get() : null);
        }
    }

    @Test
    void afterAnAcknowledgedTransactionAndUnrelatedWalTheWalsenderFinishesInEveryFlushMode() throws Exception {
        Lsn foreign = Lsn.of(Scripts.end(1).value() + 0x10000); // WAL of other tables after the transaction
        for (FlushMode mode : FlushMode.values()) {
            try (FakeWalSender server = FakeWalSender.start()) {
                WalSenderScript script = Scripts.tx(WalSenderScript.create(), 1);
                server.enqueue(script.awaitFlush(Scripts.end(1), Streams.T).keepalive(foreign, false)
                        .shutdownLikePostgres(foreign, Duration.ofSeconds(2)));
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server, mode)
                        .statusInterval(Duration.ofMillis(100)).reconnect(io.walstream.ReconnectPolicy.NEVER).build())) {
                    long deadline = System.nanoTime() + Streams.T.toNanos();
                    while (server.shutdownBlocked() == null && System.nanoTime() < deadline) {
                        io.walstream.ReplicationEvent e;
                        try {
                            e = stream.next(Duration.ofMillis(50));
                        } catch (io.walstream.ConnectionClosedException ended) {
                            break; // the walsender finished and closed: the outcome is recorded
                        }
                        if (mode == FlushMode.MANUAL && e != null && e.message() instanceof io.walstream.pgoutput.Commit) {
                            stream.acknowledge(e);
                        }
                    }
                    assertEquals(Boolean.FALSE, server.shutdownBlocked(), mode + ": last status update "
                            + server.lastStatusUpdate());
                }
            }
        }
    }
}
