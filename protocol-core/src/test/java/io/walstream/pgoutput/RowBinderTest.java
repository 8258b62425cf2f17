package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes and copied rows bind through one class: which rows each message carries, to which relation entry. */
class RowBinderTest {

    private static final int OID = 16384;
    private static final Relation T = new Relation(OID, "public", "t", ReplicaIdentity.DEFAULT,
            List.of(RelationColumn.of(true, "id", 23, -1), RelationColumn.of(false, "name", 25, -1)));

    private static RowBinder binder() {
        RelationCache cache = new RelationCache();
        cache.accept(T);
        return new RowBinder(cache);
    }

    private static TupleData tuple(String id, String name) {
        return TupleData.builder().text(id).text(name).build();
    }

    @Test
    void anInsertHasANewRowOfItsRelation() {
        RowBinder b = binder();
        RowBinder.ChangeRows rows = b.bind(new Insert(OID, tuple("1", "a")));
        assertEquals("a", rows.newRow().get("name").asString());
        assertNull(rows.oldRow());
        assertEquals(List.of(b.relations().relation(OID)), rows.relations());
    }

    @Test
    void anUpdateHasTheOldKeyOnlyWhenItCarriesOne() {
        RowBinder b = binder();
        RowBinder.ChangeRows with = b.bind(new Update(OID, OldTupleKind.KEY,
                TupleData.builder().text("1").nul().build(), tuple("2", "b")));
        assertEquals(2, with.newRow().get("id").asInt());
        assertTrue(with.oldRow().isKeyOnly());
        assertEquals(1, with.oldRow().get("id").asInt());
        RowBinder.ChangeRows without = b.bind(new Update(OID, OldTupleKind.NONE, null, tuple("2", "c")));
        assertNull(without.oldRow());
        assertEquals("c", without.newRow().get("name").asString());
    }

    @Test
    void aDeleteHasAnOldRow() {
        RowBinder.ChangeRows rows = binder().bind(new Delete(OID, OldTupleKind.OLD, tuple("1", "a")));
        assertNull(rows.newRow());
        assertEquals("a", rows.oldRow().get("name").asString());
    }

    @Test
    void aTruncateNamesItsKnownRelationsAndNoRows() {
        RowBinder.ChangeRows rows = binder().bind(new Truncate(0, List.of(99, OID)));
        assertNull(rows.newRow());
        assertEquals(1, rows.relations().size());
        assertEquals("t", rows.relations().get(0).name());
    }

    @Test
    void otherMessagesHaveNothing() {
        assertSame(RowBinder.ChangeRows.NONE, binder().bind(new Begin(Lsn.of(1), 2, 3)));
        assertSame(RowBinder.ChangeRows.NONE, binder().bind(T));
    }

    @Test
    void anUnknownRelationOrAWrongColumnCountIsRefused() {
        RowBinder b = binder();
        assertThrows(UnknownRelationException.class, () -> b.bind(new Insert(7, tuple("1", "a"))));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> b.bind(new Insert(OID, TupleData.builder().text("1").build())));
        assertTrue(e.getMessage().contains("1 columns but the last Relation message declared 2"), e.getMessage());
    }

    @Test
    void aCopiedRowBindsWholeOrByItsLeadingColumns() {
        RowBinder b = binder();
        assertEquals("a", b.row(OID, tuple("1", "a")).get("name").asString());
        TupleData wide = TupleData.builder().text("1").nul().text("key-1").build();
        Row row = b.row(OID, wide, 2);
        assertEquals(2, row.size());
        assertTrue(row.get("name").isNull());
        assertEquals(1, row.get("id").asInt());
        assertThrows(IllegalArgumentException.class, () -> b.row(OID, tuple("1", "a"), 3));
    }
}
