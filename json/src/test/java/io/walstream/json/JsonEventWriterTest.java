package io.walstream.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.Update;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON shape (docs/json.md) of events built with {@link PgOutputWriter}, decoded by {@link PgOutputDecoder}
 * and bound by a {@link RelationCache}, exactly as a stream delivers them: one exact line per case.
 */
class JsonEventWriterTest {
    private static final CommitInfo TX = new CommitInfo(771, Lsn.parse("0/1A2B4F0"), Lsn.parse("0/1A2B520"),
            Instant.parse("2026-12-07T17:01:02.123456Z"), false, null);
    private static final Relation TYPES = new Relation(16384, "public", "typed", ReplicaIdentity.DEFAULT, List.of(
            RelationColumn.of(true, "id", BuiltinTypes.INT4, -1),
            RelationColumn.of(false, "big", BuiltinTypes.INT8, -1),
            RelationColumn.of(false, "ok", BuiltinTypes.BOOL, -1),
            RelationColumn.of(false, "f", BuiltinTypes.FLOAT8, -1),
            RelationColumn.of(false, "fnan", BuiltinTypes.FLOAT8, -1),
            RelationColumn.of(false, "num", BuiltinTypes.NUMERIC, -1),
            RelationColumn.of(false, "note", BuiltinTypes.TEXT, -1),
            RelationColumn.of(false, "bin", BuiltinTypes.BYTEA, -1),
            RelationColumn.of(false, "doc", BuiltinTypes.JSONB, -1),
            RelationColumn.of(false, "ints", BuiltinTypes.INT4_ARRAY, -1),
            RelationColumn.of(false, "words", BuiltinTypes.TEXT_ARRAY, -1),
            RelationColumn.of(false, "at", BuiltinTypes.TIMESTAMPTZ, -1),
            RelationColumn.of(false, "local", BuiltinTypes.TIMESTAMP, -1),
            RelationColumn.of(false, "day", BuiltinTypes.DATE, -1),
            RelationColumn.of(false, "ref", BuiltinTypes.UUID, -1),
            RelationColumn.of(false, "span", BuiltinTypes.INTERVAL, -1),
            RelationColumn.of(false, "gone", BuiltinTypes.TEXT, -1)));
    private static final Relation ITEM = new Relation(16390, "shop", "item", ReplicaIdentity.DEFAULT, List.of(
            RelationColumn.of(true, "id", BuiltinTypes.INT4, -1),
            RelationColumn.of(false, "qty", BuiltinTypes.INT4, -1),
            RelationColumn.of(false, "body", BuiltinTypes.TEXT, -1)));

    private final RelationCache relations = new RelationCache();
    private final PgOutputDecoder decoder = new PgOutputDecoder(4);

    /** Encodes with the testkit writer and decodes, as the stream would receive it. */
    private PgOutputMessage wire(PgOutputMessage m) {
        PgOutputMessage decoded = decoder.decode(PgOutputWriter.encode(m));
        relations.accept(decoded);
        return decoded;
    }

    private String json(ReplicationEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEventWriter w = new JsonEventWriter(out);
        w.writeChange(e, TX, relations);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private ReplicationEvent event(PgOutputMessage m) {
        Lsn at = Lsn.parse("0/1A2B3C8");
        if (m instanceof Insert i) {
            return new ReplicationEvent(m, at, at, 0, relations.newRow(i), null);
        }
        if (m instanceof Update u) {
            return new ReplicationEvent(m, at, at, 0, relations.newRow(u), relations.oldRow(u).orElse(null));
        }
        if (m instanceof Delete d) {
            return new ReplicationEvent(m, at, at, 0, null, relations.oldRow(d));
        }
        return new ReplicationEvent(m, at, at, 0, null, null);
    }

    @Test
    void insertWritesTypedTextValues() {
        wire(TYPES);
        PgOutputMessage insert = wire(new Insert(16384, TupleData.builder().text("7").text("9007199254740993")
                .text("t").text("1.5").text("NaN").text("12.50").text("it's \"quoted\"\né").text("\\x00ff")
                .text("{\"a\": [1, true, null]}").text("{1,NULL,3}").text("{\"a b\",c}")
                .text("2024-01-02 03:04:05.5+02").text("infinity").text("2024-02-29")
                .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").text("1 day 02:00:00").nul().build()));
        assertEquals("{\"op\":\"insert\",\"schema\":\"public\",\"table\":\"typed\",\"lsn\":\"0/1A2B3C8\",\"xid\":771,"
                + "\"commit_lsn\":\"0/1A2B4F0\",\"commit_time\":\"2026-12-07T17:01:02.123456Z\",\"key\":[\"id\"],"
                + "\"columns\":{\"id\":7,\"big\":9007199254740993,\"ok\":true,\"f\":1.5,\"fnan\":\"NaN\","
                + "\"num\":\"12.50\",\"note\":\"it's \\\"quoted\\\"\\né\",\"bin\":\"00ff\","
                + "\"doc\":{\"a\": [1, true, null]},\"ints\":[1,null,3],\"words\":[\"a b\",\"c\"],"
                + "\"at\":\"2024-01-02T01:04:05.5Z\",\"local\":\"infinity\",\"day\":\"2024-02-29\","
                + "\"ref\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"span\":\"P1DT2H\",\"gone\":null}}\n",
                json(event(insert)));
    }

    @Test
    void insertWritesTypedBinaryValues() {
        wire(ITEM);
        wire(new Relation(16400, "public", "bin", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(true, "id", BuiltinTypes.INT4, -1),
                RelationColumn.of(false, "f", BuiltinTypes.FLOAT8, -1),
                RelationColumn.of(false, "at", BuiltinTypes.TIMESTAMP, -1),
                RelationColumn.of(false, "ok", BuiltinTypes.BOOL, -1))));
        PgOutputMessage insert = wire(new Insert(16400, TupleData.builder()
                .binary(ByteBuffer.allocate(4).putInt(42).array())
                .binary(ByteBuffer.allocate(8).putDouble(Double.NEGATIVE_INFINITY).array())
                .binary(ByteBuffer.allocate(8).putLong(Long.MAX_VALUE).array())
                .binary(new byte[] {1}).build()));
        String line = json(event(insert));
        assertEquals("\"columns\":{\"id\":42,\"f\":\"-Infinity\",\"at\":\"infinity\",\"ok\":true}}\n",
                line.substring(line.indexOf("\"columns\"")));
    }

    @Test
    void updateListsUnchangedToastAndTheOldKey() {
        wire(ITEM);
        PgOutputMessage update = wire(new Update(16390, OldTupleKind.KEY,
                TupleData.builder().text("1").nul().nul().build(),
                TupleData.builder().text("2").text("5").unchangedToast().build()));
        String line = json(event(update));
        assertEquals("{\"op\":\"update\",\"schema\":\"shop\",\"table\":\"item\",\"lsn\":\"0/1A2B3C8\",\"xid\":771,"
                + "\"commit_lsn\":\"0/1A2B4F0\",\"commit_time\":\"2026-12-07T17:01:02.123456Z\",\"key\":[\"id\"],"
                + "\"columns\":{\"id\":2,\"qty\":5},\"unchanged_toast\":[\"body\"],\"old\":{\"id\":1},"
                + "\"old_kind\":\"key\"}\n", line);
    }

    @Test
    void updateWithoutOldTupleHasNoOldAndAnEmptyUnchangedList() {
        wire(ITEM);
        PgOutputMessage update = wire(new Update(16390, OldTupleKind.NONE, null,
                TupleData.builder().text("2").text("5").text("b").build()));
        String line = json(event(update));
        assertEquals("\"columns\":{\"id\":2,\"qty\":5,\"body\":\"b\"},\"unchanged_toast\":[]}\n",
                line.substring(line.indexOf("\"columns\"")));
    }

    @Test
    void deleteWritesTheOldRowOnly() {
        wire(ITEM);
        PgOutputMessage keyOnly = wire(new Delete(16390, OldTupleKind.KEY, TupleData.builder().text("3").nul().nul()
                .build()));
        String line = json(event(keyOnly));
        assertEquals("\"key\":[\"id\"],\"old\":{\"id\":3},\"old_kind\":\"key\"}\n",
                line.substring(line.indexOf("\"key\"")));
        PgOutputMessage full = wire(new Delete(16390, OldTupleKind.OLD, TupleData.builder().text("3").text("1")
                .nul().build()));
        line = json(event(full));
        assertEquals("\"old\":{\"id\":3,\"qty\":1,\"body\":null},\"old_kind\":\"row\"}\n",
                line.substring(line.indexOf("\"old\"")));
    }

    @Test
    void truncateWritesOneObjectPerTable() {
        wire(TYPES);
        wire(ITEM);
        PgOutputMessage t = wire(new Truncate(Truncate.OPTION_CASCADE, List.of(16384, 16390)));
        String out = json(event(t));
        String common = ",\"lsn\":\"0/1A2B3C8\",\"xid\":771,\"commit_lsn\":\"0/1A2B4F0\","
                + "\"commit_time\":\"2026-12-07T17:01:02.123456Z\",\"cascade\":true,\"restart_identity\":false}\n";
        assertEquals("{\"op\":\"truncate\",\"schema\":\"public\",\"table\":\"typed\"" + common
                + "{\"op\":\"truncate\",\"schema\":\"shop\",\"table\":\"item\"" + common, out);
    }

    @Test
    void messagesCarryTextOrHexContent() {
        PgOutputMessage text = wire(new LogicalMessage(true, Lsn.parse("0/1A2B400"), "app", "hé".getBytes(
                StandardCharsets.UTF_8)));
        assertEquals("{\"op\":\"message\",\"lsn\":\"0/1A2B400\",\"xid\":771,\"commit_lsn\":\"0/1A2B4F0\","
                + "\"commit_time\":\"2026-12-07T17:01:02.123456Z\",\"transactional\":true,\"prefix\":\"app\","
                + "\"content\":\"hé\"}\n", json(event(text)));
        PgOutputMessage bytes = wire(new LogicalMessage(false, Lsn.parse("0/1A2B400"), "bin",
                new byte[] {(byte) 0xff, 0}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEventWriter w = new JsonEventWriter(out);
        w.writeChange(event(bytes), CommitInfo.NONE, relations);
        w.flush();
        assertEquals("{\"op\":\"message\",\"lsn\":\"0/1A2B400\",\"xid\":null,\"commit_lsn\":null,"
                + "\"commit_time\":null,\"transactional\":false,\"prefix\":\"bin\",\"content_hex\":\"ff00\"}\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void beginObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEventWriter w = new JsonEventWriter(out);
        w.writeBegin(new CommitInfo(9, Lsn.parse("0/10"), Lsn.parse("0/20"), Instant.EPOCH, true, null), 3);
        w.flush();
        assertEquals("{\"op\":\"begin\",\"xid\":9,\"commit_lsn\":\"0/10\",\"commit_time\":\"1970-01-01T00:00:00Z\","
                + "\"streamed\":true,\"changes\":3}\n", out.toString(StandardCharsets.UTF_8));
    }
}
