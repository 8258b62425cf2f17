package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotPlanTest {

    private static SnapshotTable table(int oid, String name, long pages, String filter, boolean[] textInBinary) {
        RelationCache cache = new RelationCache();
        var relation = cache.put(new Relation(oid, "public", name, ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(true, "id", 23, -1), RelationColumn.of(false, "acl", 1033, -1))));
        return new SnapshotTable(relation, List.of(new SnapshotTable.Source(oid, "public", name, pages)), filter,
                textInBinary);
    }

    @Test
    void largeTablesAreSplitIntoCtidRangesLargestFirstWithAnOpenLastRange() {
        SnapshotTable big = table(1, "big", 0, null, new boolean[2]);
        SnapshotTable small = table(2, "small", 10, null, new boolean[2]);
        // relpages 0 (never vacuumed): the current size from pg_relation_size wins
        List<SnapshotPlan.Unit> units = SnapshotPlan.plan(List.of(small, big), Map.of(1, 250L), 2, 100, true);
        assertEquals(4, units.size());
        assertEquals(List.of(0L, 100L), units.subList(0, 2).stream().map(SnapshotPlan.Unit::fromPage).toList());
        SnapshotPlan.Unit last = units.stream().filter(u -> u.table() == big && u.toPage() < 0).findFirst()
                .orElseThrow();
        assertEquals(200, last.fromPage());
        assertEquals(small, units.get(3).table());
        assertEquals("COPY (SELECT \"id\", \"acl\" FROM ONLY \"public\".\"big\" WHERE ctid >= '(100,0)'::tid"
                + " AND ctid < '(200,0)'::tid) TO STDOUT", SnapshotPlan.copySql(units.get(1), false));
        assertEquals("COPY (SELECT \"id\", \"acl\" FROM ONLY \"public\".\"big\" WHERE ctid >= '(200,0)'::tid)"
                + " TO STDOUT", SnapshotPlan.copySql(last, false));
    }

    @Test
    void oneWorkerOrNoTidRangeScansReadWholeTables() {
        SnapshotTable big = table(1, "big", 1000, null, new boolean[2]);
        assertEquals(1, SnapshotPlan.plan(List.of(big), Map.of(), 1, 100, true).size());
        assertEquals(1, SnapshotPlan.plan(List.of(big), Map.of(), 4, 100, false).size());
        assertEquals(1, SnapshotPlan.plan(List.of(table(1, "t", 150, null, new boolean[2])), Map.of(), 4, 100,
                true).size(), "up to 1.5 chunks stay whole");
    }

    @Test
    void rowFilterAndTextColumnsInBinaryMode() {
        SnapshotTable t = table(3, "t", 1, "(id > 5)", new boolean[] {false, true});
        String sql = SnapshotPlan.copySql(SnapshotPlan.plan(List.of(t), Map.of(), 1, 100, true).get(0), true);
        assertEquals("COPY (SELECT \"id\", \"acl\"::text FROM ONLY \"public\".\"t\" WHERE ((id > 5))) TO STDOUT"
                + " (FORMAT binary)", sql);
        assertTrue(t.toString().contains("where (id > 5)"), t.toString());
    }
}
