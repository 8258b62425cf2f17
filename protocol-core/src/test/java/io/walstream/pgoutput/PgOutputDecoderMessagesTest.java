package io.walstream.pgoutput;

import static io.walstream.pgoutput.Samples.L1;
import static io.walstream.pgoutput.Samples.L2;
import static io.walstream.pgoutput.Samples.T1;
import static io.walstream.pgoutput.Samples.XID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.pgoutput.Samples.Sample;
import io.walstream.replication.PgTime;
import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type decodes every field from hand-built bytes. */
class PgOutputDecoderMessagesTest {

    static Stream<Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesEveryFieldFromByteArray(Sample s) {
        PgOutputMessage m = s.decoder().decode(s.payload());
        assertEquals(s.expected(), m);
        assertEquals(s.payload()[0], (byte) m.tag());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesFromABufferWithoutMovingItsPosition(Sample s) {
        byte[] padded = new byte[s.payload().length + 7];
        System.arraycopy(s.payload(), 0, padded, 3, s.payload().length);
        ByteBuffer buf = ByteBuffer.wrap(padded, 3, s.payload().length);
        assertEquals(s.expected(), s.decoder().decode(buf));
        assertEquals(3, buf.position());
        assertEquals(3 + s.payload().length, buf.limit());
        assertEquals(s.expected(), s.decoder().decode(padded, 3, s.payload().length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesFromXLogData(Sample s) {
        XLogData x = new XLogData(L1, L2, T1, ByteBuffer.wrap(s.payload()).asReadOnlyBuffer());
        assertEquals(s.expected(), s.decoder().decode(x.payload()));
        assertEquals(s.expected(), s.decoder().decodeOwned(x.copyPayload()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void resultDoesNotShareTheInputBytes(Sample s) {
        byte[] copy = s.payload().clone();
        PgOutputMessage m = s.decoder().decode(copy);
        Arrays.fill(copy, 1, copy.length, (byte) 0x55);
        assertEquals(s.expected(), m);
    }

    @Test
    void beginFields() {
        Begin b = (Begin) new PgOutputDecoder(1).decode(Bytes.tag('B').i64(0x16B3F60L).i64(T1).i32(-1).array());
        assertEquals(Lsn.parse("0/16B3F60"), b.finalLsn());
        assertEquals(T1, b.commitTimeMicros());
        assertEquals(PgTime.toInstant(T1), b.commitTime());
        assertEquals(-1, b.xid());
        assertTrue(b.describe().endsWith(" xid=4294967295"), b.describe());
    }

    @Test
    void commitFields() {
        Commit c = (Commit) new PgOutputDecoder(1).decode(
                Bytes.tag('C').u8(0).i64(L1.value()).i64(L2.value()).i64(T1).array());
        assertEquals(0, c.flags());
        assertEquals(L1, c.commitLsn());
        assertEquals(L2, c.endLsn());
        assertEquals(PgTime.toInstant(T1), c.commitTime());
    }

    @Test
    void relationFields() {
        Relation r = (Relation) new PgOutputDecoder(1).decode(Samples.relationBytes(Bytes.tag('R')).array());
        assertEquals(16384, r.oid());
        assertEquals("public", r.namespace());
        assertEquals("orders", r.name());
        assertEquals(ReplicaIdentity.DEFAULT, r.replicaIdentity());
        assertEquals(OptionalInt.empty(), r.streamXid());
        assertEquals(4, r.columns().size());
        RelationColumn id = r.columns().get(0);
        assertTrue(id.isKey());
        assertEquals("id", id.name());
        assertEquals(23, id.typeOid());
        assertEquals(-1, id.typmod());
        RelationColumn big = r.columns().get(2);
        assertFalse(big.isKey());
        assertEquals(1043, big.typeOid());
        assertEquals(68, big.typmod());
    }

    @Test
    void everyReplicaIdentity() {
        for (ReplicaIdentity ri : ReplicaIdentity.values()) {
            byte[] p = Bytes.tag('R').i32(1).str("").str("t").u8(ri.code()).i16(0).array();
            assertEquals(ri, ((Relation) new PgOutputDecoder(1).decode(p)).replicaIdentity());
        }
    }

    @Test
    void relationColumnFlagsKeepEveryBit() {
        byte[] p = Bytes.tag('R').i32(1).str("s").str("t").u8('f').i16(1).u8(0xff).str("c").i32(25).i32(-1)
                .array();
        RelationColumn c = ((Relation) new PgOutputDecoder(1).decode(p)).columns().get(0);
        assertEquals(0xff, c.flags());
        assertTrue(c.isKey());
    }

    @Test
    void typeFields() {
        Type t = (Type) new PgOutputDecoder(1).decode(Bytes.tag('Y').i32(16500).str("public").str("mood").array());
        assertEquals(16500, t.oid());
        assertEquals("public", t.namespace());
        assertEquals("mood", t.name());
        assertEquals("public.mood", t.qualifiedName());
        assertEquals("int4", new Type(1, "", "int4").qualifiedName());
        assertEquals("int4", new Type(1, "pg_catalog", "int4").qualifiedName());
    }

    @Test
    void tupleKindsAndValues() {
        Insert i = (Insert) new PgOutputDecoder(1).decode(
                Samples.newTupleBytes(Bytes.tag('I').i32(16384).u8('N')).array());
        TupleData t = i.newTuple();
        assertEquals(4, t.size());
        assertEquals(List.of(ColumnKind.TEXT, ColumnKind.NULL, ColumnKind.UNCHANGED_TOAST, ColumnKind.BINARY),
                List.of(t.kind(0), t.kind(1), t.kind(2), t.kind(3)));
        assertEquals("42", t.text(0));
        assertEquals(2, t.length(0));
        assertTrue(t.isNull(1));
        assertFalse(t.isNull(2));
        assertTrue(t.isUnchangedToast(2));
        assertEquals(-1, t.length(2));
        assertArrayEquals(new byte[] {1, 2}, t.bytes(3));
        assertTrue(t.data(3).isReadOnly());
        assertEquals(0, t.data(3).position());
        assertThrows(IllegalStateException.class, () -> t.data(1));
        assertThrows(IllegalStateException.class, () -> t.text(2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.kind(4));
    }

    @Test
    void emptyAndLargeValues() {
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'x');
        byte[] p = Bytes.tag('I').i32(1).u8('N').i16(2).u8('t').i32(0).u8('t').i32(big.length).raw(big).array();
        TupleData t = ((Insert) new PgOutputDecoder(1).decode(p)).newTuple();
        assertEquals("", t.text(0));
        assertEquals(70_000, t.text(1).length());
    }

    @Test
    void updateOldKinds() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        Update none = (Update) d.decode(Samples.newTupleBytes(Bytes.tag('U').i32(7).u8('N')).array());
        assertEquals(OldTupleKind.NONE, none.oldKind());
        assertTrue(none.old().isEmpty());
        assertFalse(none.isKeyOnly());
        Update key = (Update) d.decode(
                Samples.newTupleBytes(Samples.keyTupleBytes(Bytes.tag('U').i32(7).u8('K')).u8('N')).array());
        assertTrue(key.isKeyOnly());
        assertEquals(Samples.keyTuple(), key.oldTuple());
        Update old = (Update) d.decode(
                Samples.newTupleBytes(Samples.keyTupleBytes(Bytes.tag('U').i32(7).u8('O')).u8('N')).array());
        assertEquals(OldTupleKind.OLD, old.oldKind());
        assertFalse(old.isKeyOnly());
    }

    @Test
    void deleteKinds() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        Delete key = (Delete) d.decode(Samples.keyTupleBytes(Bytes.tag('D').i32(7).u8('K')).array());
        assertTrue(key.isKeyOnly());
        assertEquals(OldTupleKind.KEY, key.oldKind());
        Delete old = (Delete) d.decode(Samples.keyTupleBytes(Bytes.tag('D').i32(7).u8('O')).array());
        assertFalse(old.isKeyOnly());
        assertEquals(7, old.relationOid());
    }

    @Test
    void truncateOptions() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        for (int opts = 0; opts < 4; opts++) {
            Truncate t = (Truncate) d.decode(Bytes.tag('T').i32(1).u8(opts).i32(5).array());
            assertEquals(opts, t.options());
            assertEquals((opts & 1) != 0, t.isCascade());
            assertEquals((opts & 2) != 0, t.isRestartIdentity());
            assertEquals(List.of(5), t.relationOids());
        }
        Truncate none = (Truncate) d.decode(Bytes.tag('T').i32(0).u8(0).array());
        assertEquals(List.of(), none.relationOids());
    }

    @Test
    void logicalMessageFields() {
        byte[] content = {0, (byte) 0xff, 'a'};
        LogicalMessage m = (LogicalMessage) new PgOutputDecoder(1).decode(
                Bytes.tag('M').u8(0).i64(L2.value()).str("pre").i32(3).raw(content).array());
        assertFalse(m.transactional());
        assertEquals(0, m.flags());
        assertEquals(L2, m.lsn());
        assertEquals("pre", m.prefix());
        assertArrayEquals(content, m.content());
        assertEquals(3, m.contentLength());
        assertTrue(m.contentBuffer().isReadOnly());
        m.content()[0] = 9;
        assertArrayEquals(content, m.content());
    }

    @Test
    void streamAndTwoPhaseFields() {
        PgOutputDecoder d = PgOutputDecoder.builder(4).parallelStreaming(true).build();
        StreamStart s = (StreamStart) d.decode(Bytes.tag('S').i32(XID).u8(0).array());
        assertEquals(XID, s.xid());
        assertFalse(s.firstSegment());
        d.decode(Bytes.tag('E').array());
        StreamAbort a = (StreamAbort) d.decode(Bytes.tag('A').i32(XID).i32(XID).i64(L2.value()).i64(T1).array());
        assertTrue(a.hasAbortInfo());
        assertTrue(a.isTopLevel());
        assertEquals(L2, a.abortLsn());
        assertEquals(PgTime.toInstant(T1), a.abortTime().orElseThrow());
        RollbackPrepared r = (RollbackPrepared) d.decode(
                Bytes.tag('r').u8(0).i64(1).i64(2).i64(3).i64(4).i32(5).str("g").array());
        assertEquals(Lsn.of(1), r.prepareEndLsn());
        assertEquals(Lsn.of(2), r.rollbackEndLsn());
        assertEquals(3, r.prepareTimeMicros());
        assertEquals(4, r.rollbackTimeMicros());
        assertEquals(5, r.xid());
        assertEquals("g", r.gid());
    }

    @Test
    void originWithStreamStartHasZeroLsn() {
        Origin o = (Origin) new PgOutputDecoder(2).decode(Bytes.tag('O').i64(0).str("").array());
        assertEquals(Lsn.INVALID, o.originLsn());
        assertEquals("", o.name());
    }
}
