package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push delivery loop (forEach / forEachRaw) across a reconnect that resends, and with a failing handler. */
class PushDeliveryTest {

    @Test
    void forEachDeliversEachTransactionOnceAcrossAReconnectThatResendsEverything() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript first = WalSenderScript.create();
            Scripts.tx(first, 1);
            Scripts.tx(first, 2);
            server.enqueue(first.stall(Duration.ofMillis(200)).disconnect());
            WalSenderScript second = WalSenderScript.create(); // a walsender resends from the flushed position
            Scripts.tx(second, 1);
            Scripts.tx(second, 2);
            Scripts.tx(second, 3);
            server.enqueue(second.idle(Duration.ofMillis(50)));
            List<Lsn> commits = new ArrayList<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEach(e -> {
                    if (e.message() instanceof Commit c) {
                        commits.add(c.endLsn());
                        if (commits.size() == 3) {
                            stream.close();
                        }
                    }
                });
                assertEquals(1, stream.metrics().reconnects());
            }
            assertEquals(List.of(Scripts.end(1), Scripts.end(2), Scripts.end(3)), commits);
            assertEquals(Scripts.end(3), server.lastStatusUpdate().flushed());
        }
    }

    @Test
    void aHandlerExceptionEndsTheLoopUnacknowledgedAndDoesNotFailTheStream() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript s = WalSenderScript.create();
            Scripts.tx(s, 1);
            Scripts.tx(s, 2);
            server.enqueue(s.idle(Duration.ofMillis(50)));
            IllegalStateException boom = new IllegalStateException("boom");
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                List<Lsn> handled = new ArrayList<>();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> stream.forEach(ev -> {
                    if (ev.message() instanceof Commit c) {
                        if (c.endLsn().equals(Scripts.end(2))) {
                            throw boom;
                        }
                        handled.add(c.endLsn());
                    }
                }));
                assertSame(boom, e);
                assertEquals(List.of(Scripts.end(1)), handled);
                assertEquals(Scripts.end(1), stream.positions().flushed(), "the failed transaction is not acknowledged");
                stream.next(Duration.ofMillis(50)); // the stream itself did not fail
            }
        }
    }

    @Test
    void aHandlerExceptionInTheMiddleOfABatchLosesNothingOfTheRest() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript s = WalSenderScript.create(); // both transactions arrive in one read: one batch
            Scripts.tx(s, 1);
            Scripts.tx(s, 2);
            server.enqueue(s.idle(Duration.ofMillis(50)));
            IllegalStateException boom = new IllegalStateException("boom");
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                List<String> seen = new ArrayList<>();
                assertSame(boom, assertThrows(IllegalStateException.class, () -> stream.forEach(ev -> {
                    if (ev.message() instanceof Insert) {
                        throw boom; // the first insert: Begin and Relation were delivered, the rest is unread
                    }
                    seen.add(ev.message().getClass().getSimpleName());
                })));
                List<String> after = new ArrayList<>();
                stream.forEach(ev -> {
                    after.add(ev.message().getClass().getSimpleName());
                    if (ev.message() instanceof Commit c && c.endLsn().equals(Scripts.end(2))) {
                        stream.close();
                    }
                });
                assertEquals(List.of("Begin", "Relation"), seen);
                assertEquals(List.of("Commit", "Begin", "Relation", "Insert", "Commit"), after,
                        "the messages after the failed one are delivered by the next loop");
                assertEquals(Scripts.end(2), server.lastStatusUpdate().flushed());
            }
        }
    }
}
