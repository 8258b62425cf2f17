package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Column access by index and name; NULL, unchanged TOAST and key-only placeholders stay distinct. */
class RowTest {

    private RelationCache cache;

    @BeforeEach
    void relation() {
        cache = new RelationCache();
        PgOutputDecoder d = new PgOutputDecoder(1);
        cache.accept(d.decode(Samples.relationBytes(Bytes.tag('R')).array()));
    }

    @Test
    void accessByIndexAndByName() {
        Row row = cache.newRow(new Insert(16384, Samples.newTuple()));
        assertEquals(4, row.size());
        assertEquals("id", row.get(0).columnName());
        assertEquals(23, row.get("id").typeOid());
        assertEquals("int4", row.get("id").typeName());
        assertEquals(68, row.get("big").typmod());
        assertTrue(row.get("id").isKey());
        assertEquals(2, row.get("big").index());
        assertEquals("42", row.get("id").asString());
        assertEquals(42, row.get("id").asInt());
        assertEquals(ColumnKind.TEXT, row.get(0).kind());
        assertTrue(row.has("blob"));
        assertFalse(row.has("nope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.get("nope"));
        assertTrue(e.getMessage().contains("[id, note, big, blob]"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> row.get(4));
        assertEquals(List.of("id", "note", "big", "blob"), row.columnNames());
        assertEquals("public.orders(id=t'42', note=n, big=u, blob=b'0102')", row.describe());
    }

    @Test
    void nullIsNull() {
        ColumnValue note = cache.newRow(new Insert(16384, Samples.newTuple())).get("note");
        assertTrue(note.isNull());
        assertFalse(note.isUnchangedToast());
        assertFalse(note.isPlaceholder());
        assertFalse(note.hasData());
        assertThrows(IllegalStateException.class, note::data);
    }

    @Test
    void unchangedToastIsNeverNull() {
        Row row = cache.newRow(new Update(16384, OldTupleKind.NONE, null, Samples.newTuple()));
        ColumnValue big = row.get("big");
        assertTrue(big.isUnchangedToast());
        assertFalse(big.isNull());
        assertFalse(big.isPlaceholder());
        assertEquals(ColumnKind.UNCHANGED_TOAST, big.kind());
        assertTrue(row.value("big").isUnchangedToast());
        assertFalse(row.value("big").isNull());
    }

    @Test
    void binaryValue() {
        ColumnValue blob = cache.newRow(new Insert(16384, Samples.newTuple())).get("blob");
        assertTrue(blob.isBinary());
        assertArrayEquals(new byte[] {1, 2}, blob.rawBytes());
        assertEquals(2, blob.data().remaining());
    }

    @Test
    void keyOnlyOldTupleHasPlaceholdersNotNulls() {
        Delete delete = new Delete(16384, OldTupleKind.KEY, Samples.keyTuple());
        Row key = cache.oldRow(delete);
        assertTrue(key.isKeyOnly());
        ColumnValue id = key.get("id");
        assertFalse(id.isPlaceholder());
        assertEquals("1", id.asString());
        ColumnValue note = key.get("note");
        assertEquals(ColumnKind.NULL, note.kind());
        assertTrue(note.isPlaceholder());
        assertFalse(note.isNull());
        IllegalStateException e = assertThrows(IllegalStateException.class, note::asString);
        assertTrue(e.getMessage().contains("placeholder, not NULL"), e.getMessage());
        assertThrows(IllegalStateException.class, note::data);
        // as NamedValues, a key-only row shows only its key columns
        assertEquals(List.of("id"), key.columnNames());
        assertNull(key.value("note"));
        assertEquals("1", key.value("id").data().get(0) == '1' ? "1" : "?");
        assertEquals("public.orders key(id=t'1', note=-, big=-, blob=-)", key.describe());
    }

    @Test
    void keyColumnSentAsNullInAKeyOnlyTupleIsARealNull() {
        Row key = cache.oldRow(new Delete(16384, OldTupleKind.KEY,
                TupleData.builder().nul().nul().nul().nul().build()));
        assertTrue(key.get("id").isNull());
        assertFalse(key.get("id").isPlaceholder());
    }

    @Test
    void fullOldTupleHasRealNulls() {
        Update u = new Update(16384, OldTupleKind.OLD, Samples.keyTuple(), Samples.newTuple());
        Row old = cache.oldRow(u).orElseThrow();
        assertFalse(old.isKeyOnly());
        assertTrue(old.get("note").isNull());
        assertFalse(old.get("note").isPlaceholder());
        assertEquals(List.of("id", "note", "big", "blob"), old.columnNames());
        assertTrue(cache.oldRow(new Update(16384, OldTupleKind.NONE, null, Samples.newTuple())).isEmpty());
    }

    @Test
    void updateKeyIsKeyOnly() {
        Update u = new Update(16384, OldTupleKind.KEY, Samples.keyTuple(), Samples.newTuple());
        assertTrue(cache.oldRow(u).orElseThrow().isKeyOnly());
        assertFalse(cache.newRow(u).isKeyOnly());
    }

    @Test
    void valueOfUnknownNameIsNull() {
        Row row = cache.newRow(new Insert(16384, Samples.newTuple()));
        assertNull(row.value("nope"));
        assertEquals("note", row.value("note").columnName());
    }

    @Test
    void toMapKeepsNullToastAndKeysApart() {
        Row row = cache.newRow(new Insert(16384, Samples.newTuple()));
        java.util.Map<String, Object> m = row.toMap();
        assertEquals(List.of("id", "note", "big", "blob"), List.copyOf(m.keySet()));
        assertEquals(42, m.get("id"));
        assertTrue(m.containsKey("note"));
        assertNull(m.get("note"));
        assertEquals(UnchangedToast.INSTANCE, m.get("big"), "unchanged TOAST is a marker, never null");
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.get("blob"));
        // a key-only old row has only its key columns
        java.util.Map<String, Object> key = cache.oldRow(new Delete(16384, OldTupleKind.KEY, Samples.keyTuple())).toMap();
        assertEquals(List.of("id"), List.copyOf(key.keySet()));
    }

    @Test
    void asObjectIsDecodedOnceAndBytesAreNotShared() {
        Row row = cache.newRow(new Insert(16384, Samples.newTuple()));
        org.junit.jupiter.api.Assertions.assertSame(row.get("id").asObject(), row.get(0).asObject());
        byte[] first = (byte[]) row.get("blob").asObject();
        first[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get("blob").asObject());
    }
}
