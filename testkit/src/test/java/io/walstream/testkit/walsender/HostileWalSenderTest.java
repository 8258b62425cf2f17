package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FrameTooLargeException;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ProtocolException;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationEvent;
import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A walsender that misbehaves while streaming — malformed and hostile frames, unknown message types, errors and
 * CopyDone in the middle, connections cut inside a frame or reset, bytes that trickle in one at a time — must end
 * in a clear typed exception with the facts (tag, offset) or in a reconnect that delivers every committed
 * transaction once; never a hang, an out-of-memory or a silently skipped commit. Each test takes milliseconds.
 */
class HostileWalSenderTest {

    /** Pulls until {@code commits} commits were delivered; returns their end positions in order. */
    private static List<Lsn> commits(LogicalReplicationStream stream, int commits) {
        List<Lsn> ends = new ArrayList<>();
        long deadline = System.nanoTime() + Streams.T.toNanos();
        while (ends.size() < commits && System.nanoTime() < deadline) {
            ReplicationEvent e = stream.next(Duration.ofMillis(100));
            if (e != null && e.message() instanceof Commit c) {
                ends.add(c.endLsn());
            }
        }
        return ends;
    }

    /** Pulls until the stream fails; the failure. */
    private static WalstreamException failure(LogicalReplicationStream stream) {
        return assertThrows(WalstreamException.class, () -> {
            long deadline = System.nanoTime() + Streams.T.toNanos();
            while (System.nanoTime() < deadline) {
                stream.next(Duration.ofMillis(100));
            }
        });
    }

    private static LogicalReplicationStream once(FakeWalSender server) {
        return LogicalReplicationStream.open(Streams.config(server).reconnect(ReconnectPolicy.NEVER).build());
    }

    /** A CopyData frame with {@code body} after its tag. */
    private static byte[] copyData(byte[] body) {
        return new WireOut('d').bytes(body).frame();
    }

    @Test
    void aHostileFrameLengthFailsFromTheHeaderWithoutAllocating() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            byte[] header = {'d', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}; // 2 GiB declared, nothing follows
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).raw(header).stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                assertEquals(List.of(Scripts.end(1)), commits(stream, 1), "what came before is delivered");
                WalstreamException e = failure(stream);
                assertTrue(e instanceof FrameTooLargeException, e.toString());
                assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
                assertFalse(e.isTransient());
            }
        }
    }

    @Test
    void aFrameLengthBelowFourIsMalformed() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().raw(new byte[] {'d', 0, 0, 0, 2}).stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
                assertTrue(e.getMessage().contains("2"), e.getMessage());
            }
        }
    }

    @Test
    void anUnknownBackendMessageTypeBetweenTransactionsIsSkipped() throws Exception {
        // The frame decoder skips (and counts) frames whose tag no backend message uses, as documented there.
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(Scripts.tx(WalSenderScript.create(), 1).raw(new WireOut('~').i32(42).frame()),
                    2).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = once(server)) {
                assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits(stream, 2));
            }
        }
    }

    @Test
    void aBackendMessageOutOfPlaceInCopyBothNamesTagAndOffset() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().raw(WireOut.rowDescription(new String[] {"x"}, new int[] {25}))
                    .stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
                assertTrue(e.getMessage().contains("'T'"), e.getMessage());
                assertTrue(((ProtocolException) e).offset() > 0, e.toString());
                assertFalse(e.isTransient());
            }
        }
    }

    @Test
    void anUnknownReplicationMessageTypeInsideCopyDataIsNamed() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().raw(copyData(new byte[] {'x', 1, 2, 3})).stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
                assertTrue(e.getMessage().contains("unknown replication message type 'x'"), e.getMessage());
            }
        }
    }

    @Test
    void aTruncatedXLogDataHeaderIsMalformed() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().raw(copyData(new byte[] {'w', 0, 0, 0, 0, 0, 0, 1}))
                    .stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
            }
        }
    }

    @Test
    void anUnknownPgoutputMessageTypeIsNamed() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            byte[] xlog = new WireOut('d').u8('w').i64(0x1000100L).i64(0x1000100L).i64(0).u8('!').u8(0).frame();
            server.enqueue(WalSenderScript.create().raw(xlog).stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
                assertTrue(e.getMessage().contains("'!'"), e.getMessage());
            }
        }
    }

    @Test
    void aChangeTupleShorterThanDeclaredIsMalformedNotAnOutOfBoundsRead() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            // Insert, relation 16384, 'N', 1 column, text of declared length 1000 with 3 bytes present
            byte[] xlog = new WireOut('d').u8('w').i64(0x1000100L).i64(0x1000100L).i64(0)
                    .u8('I').i32(Scripts.OID).u8('N').i16(1).u8('t').i32(1000).bytes(new byte[] {'a', 'b', 'c'})
                    .frame();
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).raw(xlog).stallUntilClosed());
            try (LogicalReplicationStream stream = once(server)) {
                assertEquals(List.of(Scripts.end(1)), commits(stream, 1));
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ProtocolException, e.toString());
            }
        }
    }

    @Test
    void aFatalErrorMidStreamKeepsItsFieldsAndIsRetriedWhenTransient() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1)
                    .error("FATAL", "57P01", "terminating connection due to administrator command"));
            server.enqueue(Scripts.tx(Scripts.tx(WalSenderScript.create(), 1), 2).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits(stream, 2),
                        "transaction 1 is resent after the reconnect and skipped; 2 follows");
                assertEquals(1, stream.metrics().reconnects());
            }
        }
    }

    @Test
    void aPermanentErrorMidStreamEndsTheStreamWithItsSqlState() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1)
                    .error("ERROR", "58P01", "requested WAL segment 000000010000000000000001 has already been removed"));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                assertEquals(List.of(Scripts.end(1)), commits(stream, 1));
                WalstreamException e = failure(stream);
                assertTrue(e instanceof ServerErrorException, e.toString());
                assertEquals("58P01", ((ServerErrorException) e).sqlState());
                assertTrue(e.getMessage().contains("has already been removed"), e.getMessage());
                assertEquals(1, server.connections(), "a permanent error is not retried");
            }
        }
    }

    @Test
    void copyDoneFromTheServerMidStreamReconnectsAndResumes() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).copyDone().stallUntilClosed());
            server.enqueue(Scripts.tx(WalSenderScript.create(), 2).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits(stream, 2));
                assertEquals(1, stream.metrics().reconnects());
            }
        }
    }

    @Test
    void aConnectionCutAtAnyByteOfATransactionDeliversItOnce() throws Exception {
        int length = 0;
        for (PgOutputMessage m : List.of(new Begin(Scripts.commit(1), 0, 701), Scripts.relation(), Scripts.insert(1),
                new Commit(0, Scripts.commit(1), Scripts.end(1), 0))) {
            length += PgOutputWriter.copyData(Scripts.commit(1), Scripts.commit(1), 0, m).length;
        }
        // Cut inside and between the frames of transaction 1, then serve it again with transaction 2.
        for (int cut = 0; cut < length; cut += 7) {
            try (FakeWalSender server = FakeWalSender.start()) {
                server.enqueue(Scripts.tx(WalSenderScript.create().cutAfterBytes(cut), 1));
                server.enqueue(Scripts.tx(Scripts.tx(WalSenderScript.create(), 1), 2).idle(Duration.ofMillis(50)));
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                    assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits(stream, 2), "cut after " + cut);
                    assertEquals(1, stream.metrics().reconnects(), "cut after " + cut);
                }
            }
        }
    }

    @Test
    void aResetMidTransactionRedeliversItFromItsBegin() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            // The client has read the partial transaction (it answered the keepalive behind it) when the RST comes.
            server.enqueue(WalSenderScript.create().xlogAll(Scripts.commit(1), List.of(
                    new Begin(Scripts.commit(1), 0, 701), Scripts.relation(), Scripts.insert(1)))
                    .keepalive(Scripts.commit(1), true).awaitStatusUpdate(Streams.T).reset());
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                List<Integer> inserts = new ArrayList<>();
                long deadline = System.nanoTime() + Streams.T.toNanos();
                boolean committed = false;
                while (!committed && System.nanoTime() < deadline) {
                    ReplicationEvent e = stream.next(Duration.ofMillis(100));
                    if (e != null && e.message() instanceof Insert) {
                        inserts.add(Integer.parseInt(e.newRow().get("id").utf8Text()));
                    }
                    committed = e != null && e.message() instanceof Commit;
                }
                assertTrue(committed);
                assertEquals(2, server.connections());
                assertEquals(List.of(1, 1), inserts, "the cut-off partial transaction, then the whole one again");
            }
        }
    }

    @Test
    void bytesTricklingInOneAtATimeDecodeTheSame() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create().trickle(Duration.ZERO), 1).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = once(server)) {
                assertEquals(List.of(Scripts.end(1)), commits(stream, 1));
            }
        }
    }

    @Test
    void aStallMidStreamIsDetectedByTheReceiveTimeoutAndRetried() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).stallUntilClosed());
            server.enqueue(Scripts.tx(Scripts.tx(WalSenderScript.create(), 1), 2).idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .receiveTimeout(Duration.ofMillis(400)).build())) {
                assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits(stream, 2));
                assertEquals(1, stream.metrics().reconnects());
            }
        }
    }
}
