package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.RawEvent;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.TupleData;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * forEachRaw's push path: every {@link RawEvent} owns its payload (kept after the handler returned and after many
 * later read-buffer refills, small and large payloads alike), carries the tag, positions and acknowledgement
 * point of its message, and the loop acknowledges, skips resent transactions and fails as forEach does.
 */
class RawPushTest {

    private static final int TRANSACTIONS = 600;

    @Test
    void everyRawEventKeepsItsPayloadPositionsAndTagAfterLaterReads() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript s = WalSenderScript.create();
            for (int n = 1; n <= TRANSACTIONS; n++) {
                // Every 100th row is larger than the 8 KiB copy limit and than a read chunk's share.
                String text = n % 100 == 3 ? "x".repeat(20_000 + n) : "row " + n;
                List<PgOutputMessage> changes = List.of(Scripts.relation(),
                        new Insert(OptionalInt.empty(), Scripts.OID, TupleData.builder().text(text).build()));
                s.transaction(700 + n, Scripts.commit(n), Scripts.end(n), changes);
            }
            server.enqueue(s.idle(Duration.ofMillis(50)));
            List<RawEvent> kept = new ArrayList<>();
            List<byte[]> copies = new ArrayList<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEachRaw(e -> {
                    kept.add(e);
                    copies.add(e.payloadBytes());
                    if (e.tag() == 'C' && Scripts.end(TRANSACTIONS).equals(e.ackLsn())) {
                        stream.close();
                    }
                });
                assertEquals(Scripts.end(TRANSACTIONS), stream.positions().flushed());
            }
            assertEquals(4 * TRANSACTIONS, kept.size(), "B R I C per transaction");
            int large = 0;
            for (int i = 0; i < kept.size(); i++) {
                RawEvent e = kept.get(i);
                int n = i / 4 + 1;
                char expected = "BRIC".charAt(i % 4);
                assertEquals(expected, e.tag(), "tag of message " + i);
                assertArrayEquals(copies.get(i), e.payloadBytes(), "payload " + i + " after later reads");
                ByteBuffer p = e.payload();
                assertTrue(p.isReadOnly());
                assertEquals(expected, (char) p.get(0));
                assertEquals(copies.get(i).length, p.remaining());
                assertFalse(e.hasStreamXid());
                assertEquals(Scripts.commit(n), e.walStart(), "walStart of message " + i);
                if (expected == 'C') {
                    assertEquals(Scripts.end(n), e.ackLsn());
                    assertTrue(e.isCommitLike());
                } else {
                    assertNull(e.ackLsn());
                }
                large += e.data().payloadLength() > 8192 ? 1 : 0;
            }
            assertEquals(TRANSACTIONS / 100, large, "the large payloads were delivered");
        }
    }

    @Test
    void forEachRawDeliversEachTransactionOnceAcrossAReconnectThatResendsEverything() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript first = WalSenderScript.create();
            Scripts.tx(first, 1);
            Scripts.tx(first, 2);
            server.enqueue(first.stall(Duration.ofMillis(200)).disconnect());
            WalSenderScript second = WalSenderScript.create();
            Scripts.tx(second, 1);
            Scripts.tx(second, 2);
            Scripts.tx(second, 3);
            server.enqueue(second.idle(Duration.ofMillis(50)));
            List<Lsn> commits = new ArrayList<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEachRaw(e -> {
                    if (e.isCommitLike()) {
                        commits.add(e.ackLsn());
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
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> stream.forEachRaw(ev -> {
                    if (ev.isCommitLike()) {
                        if (ev.ackLsn().equals(Scripts.end(2))) {
                            throw boom;
                        }
                        handled.add(ev.ackLsn());
                    }
                }));
                assertSame(boom, e);
                assertEquals(List.of(Scripts.end(1)), handled);
                assertEquals(Scripts.end(1), stream.positions().flushed(), "the failed transaction is not acknowledged");
            }
        }
    }
}
