package io.walstream.pgoutput;

import io.walstream.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/** One hand-built payload per message type, with the decoder it needs and the record it must decode to. */
final class Samples {

    /** How to set up the decoder: protocol version, parallel streaming, whether a stream block is open. */
    record Sample(String name, int version, boolean parallel, boolean inBlock, byte[] payload,
                  PgOutputMessage expected) {

        PgOutputDecoder decoder() {
            PgOutputDecoder d = PgOutputDecoder.builder(version).parallelStreaming(parallel).build();
            if (inBlock) {
                d.decode(Bytes.tag('S').i32(XID).u8(1).array());
            }
            return d;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final int XID = 0x8000_02E8; // above 2^31: exercises unsigned rendering
    static final long T1 = 0x0002B6C15A3E0A00L;
    static final long T2 = 0x0002B6C15A3E1200L;
    static final Lsn L1 = Lsn.of(0x16B3F60L);
    static final Lsn L2 = Lsn.of(0x1_0000_0000L + 0x16B3F98L);

    private Samples() {
    }

    static TupleData newTuple() {
        return TupleData.builder().text("42").nul().unchangedToast().binary(new byte[] {1, 2}).build();
    }

    static Bytes newTupleBytes(Bytes b) {
        return b.i16(4).text("42").u8('n').u8('u').bin((byte) 1, (byte) 2);
    }

    static TupleData keyTuple() {
        return TupleData.builder().text("1").nul().nul().nul().build();
    }

    static Bytes keyTupleBytes(Bytes b) {
        return b.i16(4).text("1").u8('n').u8('n').u8('n');
    }

    static List<Sample> all() {
        byte[] content = "hello\0world".getBytes(StandardCharsets.UTF_8);
        List<RelationColumn> cols = List.of(new RelationColumn(1, "id", 23, -1),
                new RelationColumn(0, "note", 25, -1), new RelationColumn(0, "big", 1043, 68),
                new RelationColumn(0, "blob", 17, -1));
        OptionalInt x = OptionalInt.of(XID);
        return List.of(
                new Sample("Begin", 1, false, false, Bytes.tag('B').i64(L1.value()).i64(T1).i32(744).array(),
                        new Begin(L1, T1, 744)),
                new Sample("Commit", 1, false, false,
                        Bytes.tag('C').u8(0).i64(L1.value()).i64(L2.value()).i64(T1).array(),
                        new Commit(0, L1, L2, T1)),
                new Sample("Origin", 1, false, false, Bytes.tag('O').i64(L2.value()).str("node-ä").array(),
                        new Origin(L2, "node-ä")),
                new Sample("Relation", 1, false, false, relationBytes(Bytes.tag('R')).array(),
                        new Relation(16384, "public", "orders", ReplicaIdentity.DEFAULT, cols)),
                new Sample("Relation in block", 2, false, true, relationBytes(Bytes.tag('R').i32(XID)).array(),
                        new Relation(x, 16384, "public", "orders", ReplicaIdentity.DEFAULT, cols)),
                new Sample("Type", 1, false, false, Bytes.tag('Y').i32(16500).str("public").str("mood").array(),
                        new Type(16500, "public", "mood")),
                new Sample("Type in block", 2, false, true,
                        Bytes.tag('Y').i32(XID).i32(16500).str("").str("int4").array(),
                        new Type(x, 16500, "", "int4")),
                new Sample("Insert", 1, false, false,
                        newTupleBytes(Bytes.tag('I').i32(16384).u8('N')).array(), new Insert(16384, newTuple())),
                new Sample("Insert in block", 2, false, true,
                        newTupleBytes(Bytes.tag('I').i32(XID).i32(16384).u8('N')).array(),
                        new Insert(x, 16384, newTuple())),
                new Sample("Update no old", 1, false, false,
                        newTupleBytes(Bytes.tag('U').i32(16384).u8('N')).array(),
                        new Update(16384, OldTupleKind.NONE, null, newTuple())),
                new Sample("Update key", 1, false, false,
                        newTupleBytes(keyTupleBytes(Bytes.tag('U').i32(16384).u8('K')).u8('N')).array(),
                        new Update(16384, OldTupleKind.KEY, keyTuple(), newTuple())),
                new Sample("Update old in block", 2, false, true,
                        newTupleBytes(newTupleBytes(Bytes.tag('U').i32(XID).i32(16384).u8('O')).u8('N')).array(),
                        new Update(x, 16384, OldTupleKind.OLD, newTuple(), newTuple())),
                new Sample("Delete key", 1, false, false,
                        keyTupleBytes(Bytes.tag('D').i32(16384).u8('K')).array(),
                        new Delete(16384, OldTupleKind.KEY, keyTuple())),
                new Sample("Delete old in block", 2, false, true,
                        newTupleBytes(Bytes.tag('D').i32(XID).i32(16384).u8('O')).array(),
                        new Delete(x, 16384, OldTupleKind.OLD, newTuple())),
                new Sample("Truncate", 1, false, false,
                        Bytes.tag('T').i32(2).u8(3).i32(16384).i32(0xFFFF_FFF0).array(),
                        new Truncate(3, List.of(16384, 0xFFFF_FFF0))),
                new Sample("Truncate in block", 2, false, true,
                        Bytes.tag('T').i32(XID).i32(1).u8(0).i32(16384).array(),
                        new Truncate(x, 0, List.of(16384))),
                new Sample("Message", 1, false, false,
                        Bytes.tag('M').u8(1).i64(L1.value()).str("app").i32(content.length).raw(content).array(),
                        new LogicalMessage(true, L1, "app", content)),
                new Sample("Message in block", 2, false, true,
                        Bytes.tag('M').i32(XID).u8(0).i64(L1.value()).str("").i32(0).array(),
                        new LogicalMessage(x, 0, L1, "", new byte[0])),
                new Sample("StreamStart", 2, false, false, Bytes.tag('S').i32(XID).u8(1).array(),
                        new StreamStart(XID, true)),
                new Sample("StreamStop", 2, false, true, Bytes.tag('E').array(), new StreamStop(XID)),
                new Sample("StreamCommit", 2, false, false,
                        Bytes.tag('c').i32(XID).u8(0).i64(L1.value()).i64(L2.value()).i64(T2).array(),
                        new StreamCommit(XID, 0, L1, L2, T2)),
                new Sample("StreamAbort", 2, false, false, Bytes.tag('A').i32(XID).i32(XID + 1).array(),
                        new StreamAbort(XID, XID + 1)),
                new Sample("StreamAbort parallel", 4, true, false,
                        Bytes.tag('A').i32(XID).i32(XID).i64(L2.value()).i64(T2).array(),
                        new StreamAbort(XID, XID, L2, T2)),
                new Sample("BeginPrepare", 3, false, false,
                        Bytes.tag('b').i64(L1.value()).i64(L2.value()).i64(T1).i32(XID).str("gid-1").array(),
                        new BeginPrepare(L1, L2, T1, XID, "gid-1")),
                new Sample("Prepare", 3, false, false,
                        Bytes.tag('P').u8(0).i64(L1.value()).i64(L2.value()).i64(T1).i32(XID).str("gid-1").array(),
                        new Prepare(0, L1, L2, T1, XID, "gid-1")),
                new Sample("CommitPrepared", 3, false, false,
                        Bytes.tag('K').u8(0).i64(L1.value()).i64(L2.value()).i64(T2).i32(XID).str("gid-1").array(),
                        new CommitPrepared(0, L1, L2, T2, XID, "gid-1")),
                new Sample("RollbackPrepared", 3, false, false,
                        Bytes.tag('r').u8(0).i64(L1.value()).i64(L2.value()).i64(T1).i64(T2).i32(XID).str("g")
                                .array(),
                        new RollbackPrepared(0, L1, L2, T1, T2, XID, "g")),
                new Sample("StreamPrepare", 4, false, false,
                        Bytes.tag('p').u8(0).i64(L1.value()).i64(L2.value()).i64(T1).i32(XID).str("gid-2").array(),
                        new StreamPrepare(0, L1, L2, T1, XID, "gid-2")));
    }

    static Bytes relationBytes(Bytes b) {
        return b.i32(16384).str("public").str("orders").u8('d').i16(4)
                .u8(1).str("id").i32(23).i32(-1)
                .u8(0).str("note").i32(25).i32(-1)
                .u8(0).str("big").i32(1043).i32(68)
                .u8(0).str("blob").i32(17).i32(-1);
    }
}
