package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache is fed by Relation and Type only, replaces entries, and refuses unknown relations loudly. */
class RelationCacheTest {

    private static final Relation V1 = new Relation(16384, "public", "t", ReplicaIdentity.DEFAULT,
            List.of(RelationColumn.of(true, "id", 23, -1), RelationColumn.of(false, "name", 25, -1)));
    private static final Relation V2 = new Relation(16384, "public", "t", ReplicaIdentity.FULL,
            List.of(RelationColumn.of(true, "id", 23, -1), RelationColumn.of(true, "name", 25, -1),
                    RelationColumn.of(true, "mood", 16500, -1)));

    @Test
    void onlyRelationAndTypeFeedTheCache() {
        RelationCache cache = new RelationCache();
        assertFalse(cache.accept(new Begin(Lsn.of(1), 2, 3)));
        assertFalse(cache.accept(new Insert(16384, TupleData.builder().text("1").text("a").build())));
        assertEquals(0, cache.size());
        assertTrue(cache.accept(new Type(16500, "public", "mood")));
        assertEquals(0, cache.size());
        assertTrue(cache.accept(V1));
        assertEquals(1, cache.size());
    }

    @Test
    void reSentRelationReplacesTheEntryForFollowingRows() {
        RelationCache cache = new RelationCache();
        cache.accept(V1);
        Row before = cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").build()));
        CachedRelation first = cache.relation(16384);

        cache.accept(V2);
        CachedRelation second = cache.relation(16384);
        assertEquals(3, second.columnCount());
        assertEquals(ReplicaIdentity.FULL, second.replicaIdentity());
        Row after = cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").text("ok").build()));
        assertEquals("ok", after.get("mood").asString());
        assertSame(second, after.relation());

        // rows bound earlier keep the entry they were bound to
        assertSame(first, before.relation());
        assertEquals(2, before.size());

        // the old shape no longer fits
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").build())));
        assertTrue(e.getMessage().contains("2 columns but the last Relation message declared 3"), e.getMessage());
        assertEquals('I', e.tag());
    }

    @Test
    void unknownRelationIsATypedErrorNamingTheOid() {
        RelationCache cache = new RelationCache();
        cache.accept(V1);
        UnknownRelationException e = assertThrows(UnknownRelationException.class,
                () -> cache.newRow(new Insert(-2, TupleData.builder().build())));
        assertEquals(-2, e.relationOid());
        assertEquals('I', e.tag());
        assertTrue(e.getMessage().contains("relation OID 4294967294"), e.getMessage());
        assertTrue(e instanceof ProtocolException);

        assertThrows(UnknownRelationException.class,
                () -> cache.oldRow(new Delete(9, OldTupleKind.KEY, TupleData.builder().build())));
        assertThrows(UnknownRelationException.class,
                () -> cache.oldRow(new Update(9, OldTupleKind.NONE, null, TupleData.builder().build())));
        assertThrows(UnknownRelationException.class,
                () -> cache.newRow(new Update(9, OldTupleKind.NONE, null, TupleData.builder().build())));
        assertThrows(UnknownRelationException.class, () -> cache.relation(9));
        assertTrue(cache.find(9).isEmpty());
    }

    @Test
    void clearForgetsEverything() {
        RelationCache cache = new RelationCache();
        cache.accept(new Type(16500, "public", "mood"));
        cache.accept(V1);
        cache.clear();
        assertEquals(0, cache.size());
        assertThrows(UnknownRelationException.class, () -> cache.relation(16384));
        assertEquals("oid 16500", cache.typeName(16500));
    }

    @Test
    void rowsOfInterleavedTablesBindToTheirOwnEntryAndClearForgetsTheLastOne() {
        // the cache remembers the entry of the last bound row: alternating tables, a replacement and a clear
        // must never hand out a stale or foreign entry
        RelationCache cache = new RelationCache();
        Relation other = new Relation(16390, "public", "u", ReplicaIdentity.DEFAULT,
                List.of(RelationColumn.of(true, "k", 23, -1)));
        cache.accept(V1);
        cache.accept(other);
        for (int i = 0; i < 3; i++) {
            assertEquals("t", cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").build()))
                    .relation().relation().name());
            assertEquals("u", cache.newRow(new Insert(16390, TupleData.builder().text("7").build()))
                    .relation().relation().name());
        }
        cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").build()));
        cache.accept(V2); // replaces the entry the last row was bound to
        assertEquals(3, cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").text("ok").build()))
                .size());
        cache.clear();
        UnknownRelationException e = assertThrows(UnknownRelationException.class,
                () -> cache.newRow(new Insert(16384, TupleData.builder().text("1").text("a").text("ok").build())));
        assertTrue(e.getMessage().contains("16384"), e.getMessage());
    }

    @Test
    void typeNamesComeFromTypeMessagesElseBuiltins() {
        RelationCache cache = new RelationCache();
        assertEquals("oid 16500", cache.typeName(16500));
        cache.accept(new Type(16500, "public", "mood"));
        cache.accept(new Type(16501, "", "int4")); // a domain over int4 names its base type
        cache.accept(V2);
        CachedRelation r = cache.relation(16384);
        assertEquals("int4", r.typeName(0));
        assertEquals("text", r.typeName(1));
        assertEquals("public.mood", r.typeName(2));
        assertEquals("int4", cache.typeName(16501));
        assertEquals("oid 4294967295", cache.typeName(-1));
    }

    @Test
    void entryIndexesColumnNames() {
        RelationCache cache = new RelationCache();
        CachedRelation r = cache.put(V1);
        assertEquals(List.of("id", "name"), r.columnNames());
        assertEquals(0, r.indexOf("id"));
        assertEquals(1, r.indexOf("name"));
        assertEquals(-1, r.indexOf("NAME"));
        assertEquals("public.t", r.qualifiedName());
        assertEquals(16384, r.oid());
        assertSame(V1, r.relation());
    }

    /**
     * Snapshot workers bind rows of different tables through one fed cache at the same time: the remembered
     * last entry must never pair one table's OID with another table's entry (it did, as "a tuple of 2 columns
     * but the last Relation message declared 3", when the OID and the entry were two fields).
     */
    @Test
    void concurrentReadersOfDifferentTablesEachGetTheirOwnRelation() throws Exception {
        RelationCache cache = new RelationCache();
        Relation other = new Relation(16999, "public", "u", ReplicaIdentity.DEFAULT,
                List.of(RelationColumn.of(true, "a", 23, -1), RelationColumn.of(false, "b", 23, -1),
                        RelationColumn.of(false, "c", 23, -1)));
        cache.accept(V1);
        cache.accept(other);
        TupleData two = TupleData.builder().text("1").text("a").build();
        TupleData three = TupleData.builder().text("1").text("2").text("3").build();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            boolean first = i % 2 == 0;
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                    for (int n = 0; n < 200_000 && failure.get() == null; n++) {
                        Row row = first ? cache.row(16384, two, false) : cache.row(16999, three, false);
                        assertEquals(first ? 2 : 3, row.size());
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            threads[i].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertEquals(null, failure.get());
    }
}
