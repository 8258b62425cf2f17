package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.snapshot.SnapshotHandler;
import io.walstream.snapshot.SnapshotProgress;
import io.walstream.snapshot.SnapshotRow;
import io.walstream.snapshot.SnapshotStart;
import io.walstream.snapshot.SnapshotTable;
import io.walstream.snapshot.TableSnapshot;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a publication publishes is what the snapshot copies: partitioned tables with and without
 * {@code publish_via_partition_root}, FOR ALL TABLES, and on 15+ column lists, row filters and FOR TABLES IN
 * SCHEMA, on 18 stored generated columns with {@code publish_generated_columns}. All runs import one exported
 * snapshot (rows changed after the export must not appear).
 */
@PostgresTest
class SnapshotPublicationsIT {

    /** Rows per reported table, each row as "col=value" in the view's canonical form, plus the start event. */
    private record Copy(SnapshotStart start, Map<String, List<List<String>>> rows, SnapshotProgress progress) {
        List<String> tables() {
            return start.tables().stream().map(SnapshotTable::qualifiedName).sorted().toList();
        }

        List<String> columns(String table) {
            return start.tables().stream().filter(t -> t.qualifiedName().equals(table)).findFirst().orElseThrow()
                    .relation().columnNames();
        }
    }

    @Test
    void publishedTablesColumnsAndRowsAreCopied(PostgresServer server) {
        int major = server.version().major();
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            sql.query("CREATE TABLE pt_parent (id int, region text, v text, PRIMARY KEY (id, region))"
                    + " PARTITION BY LIST (region)");
            sql.query("CREATE TABLE pt_eu PARTITION OF pt_parent FOR VALUES IN ('eu')");
            sql.query("CREATE TABLE pt_us PARTITION OF pt_parent FOR VALUES IN ('us')");
            sql.query("INSERT INTO pt_parent SELECT g, CASE WHEN g % 3 = 0 THEN 'us' ELSE 'eu' END, 'p' || g"
                    + " FROM generate_series(1, 300) g");
            sql.query("CREATE TABLE pl_plain (id int PRIMARY KEY, a text, b int)");
            sql.query("INSERT INTO pl_plain SELECT g, 'a' || g, g * 10 FROM generate_series(1, 100) g");
            sql.query("CREATE PUBLICATION pp_root FOR TABLE pt_parent WITH (publish_via_partition_root = true)");
            sql.query("CREATE PUBLICATION pp_leaf FOR TABLE pt_parent");
            sql.query("CREATE PUBLICATION pp_all FOR ALL TABLES");
            if (major >= 15) {
                sql.query("CREATE PUBLICATION pp_cols FOR TABLE pl_plain (id, a) WHERE (id % 2 = 0)");
                sql.query("CREATE PUBLICATION pp_f1 FOR TABLE pl_plain WHERE (id < 10)");
                sql.query("CREATE PUBLICATION pp_f2 FOR TABLE pl_plain WHERE (id > 95)");
                sql.query("CREATE SCHEMA snap_s");
                sql.query("CREATE TABLE snap_s.x (id int PRIMARY KEY, v text)");
                sql.query("CREATE TABLE snap_s.y (id int PRIMARY KEY, w int)");
                sql.query("INSERT INTO snap_s.x SELECT g, 'x' FROM generate_series(1, 10) g");
                sql.query("INSERT INTO snap_s.y SELECT g, g FROM generate_series(1, 20) g");
                sql.query("CREATE PUBLICATION pp_schema FOR TABLES IN SCHEMA snap_s");
            }
            sql.query("CREATE TABLE pg_gen (id int PRIMARY KEY, a int, g int GENERATED ALWAYS AS (a * 2) STORED)");
            sql.query("INSERT INTO pg_gen (id, a) SELECT g, g FROM generate_series(1, 5) g");
            sql.query("CREATE PUBLICATION pp_gen FOR TABLE pg_gen"
                    + (major >= 18 ? " WITH (publish_generated_columns = stored)" : ""));

            CreatedSlot slot = new ReplicationCommands(repl).createReplicationSlot(
                    CreateSlotRequest.logical("pp_slot", "pgoutput").withTemporary(true)
                            .withSnapshot(SnapshotAction.EXPORT));
            // after the export: none of this may show up in the snapshot
            sql.query("INSERT INTO pt_parent VALUES (1000, 'eu', 'late')");
            sql.query("DELETE FROM pl_plain WHERE id = 2");

            Copy root = copy(server, transport, slot, major % 2 == 0, "pp_root");
            assertEquals(List.of("public.pt_parent"), root.tables());
            assertEquals(List.of("id", "region", "v"), root.columns("public.pt_parent"));
            assertEquals(300, root.rows().get("public.pt_parent").size(), "leaves read, reported under the root");
            assertEquals(List.of("public.pt_eu", "public.pt_us"), root.start().tables().get(0).sourceTables().stream()
                    .sorted().toList());

            Copy leaf = copy(server, transport, slot, major % 2 == 1, "pp_leaf");
            assertEquals(List.of("public.pt_eu", "public.pt_us"), leaf.tables());
            assertEquals(200, leaf.rows().get("public.pt_eu").size());
            assertEquals(100, leaf.rows().get("public.pt_us").size());

            Copy all = copy(server, transport, slot, false, "pp_all");
            assertTrue(all.tables().containsAll(List.of("public.pt_eu", "public.pt_us", "public.pl_plain")),
                    all.tables().toString());
            assertTrue(!all.tables().contains("public.pt_parent"), "FOR ALL TABLES publishes leaves");
            assertEquals(100, all.rows().get("public.pl_plain").size(), "the delete after the export is not seen");
            assertEquals(all.tables().size(), all.progress().tablesDone());
            assertEquals(all.rows().values().stream().mapToLong(List::size).sum(), all.progress().rows());

            if (major >= 15) {
                Copy cols = copy(server, transport, slot, true, "pp_cols");
                assertEquals(List.of("id", "a"), cols.columns("public.pl_plain"));
                String filter = cols.start().tables().get(0).rowFilter().orElseThrow();
                assertTrue(filter.contains("id % 2") && filter.contains("= 0"), filter);
                List<List<String>> rows = cols.rows().get("public.pl_plain");
                assertEquals(50, rows.size());
                assertTrue(rows.stream().allMatch(r -> r.size() == 2
                        && Integer.parseInt(r.get(0).substring(3)) % 2 == 0), rows.toString());

                Copy either = copy(server, transport, slot, false, "pp_f1", "pp_f2");
                assertEquals(List.of("public.pl_plain"), either.tables());
                assertEquals(9 + 5, either.rows().get("public.pl_plain").size(), "row filters of two publications"
                        + " are ORed: " + either.start().tables().get(0).rowFilter());

                Copy schema = copy(server, transport, slot, false, "pp_schema");
                assertEquals(List.of("snap_s.x", "snap_s.y"), schema.tables());
                assertEquals(10, schema.rows().get("snap_s.x").size());
                assertEquals(20, schema.rows().get("snap_s.y").size());
            }

            Copy gen = copy(server, transport, slot, major % 2 == 0, "pp_gen");
            if (major >= 18) {
                assertEquals(List.of("id", "a", "g"), gen.columns("public.pg_gen"));
                assertTrue(gen.rows().get("public.pg_gen").contains(List.of("id=3", "a=3", "g=6")),
                        gen.rows().toString());
            } else {
                assertEquals(List.of("id", "a"), gen.columns("public.pg_gen"));
            }
        }
    }

    private static Copy copy(PostgresServer server, String transport, CreatedSlot slot, boolean binary,
                             String... publication) {
        Map<String, List<List<String>>> rows = new TreeMap<>();
        SnapshotStart[] start = new SnapshotStart[1];
        SnapshotProgress progress = TableSnapshot.builder(Live.config(server, "user=postgres dbname=postgres"))
                .transportOptions(Live.transport(transport)).publications(publication)
                .snapshotName(slot.snapshotName()).binary(binary).workers(2).pagesPerChunk(1)
                .build().run(new SnapshotHandler() {
                    @Override
                    public void onStart(SnapshotStart s) {
                        start[0] = s;
                    }

                    @Override
                    public void onRow(SnapshotRow row) {
                        rows.computeIfAbsent(row.table().qualifiedName(), k -> new ArrayList<>())
                                .add(SnapshotView.canon(row.row()));
                    }
                });
        assertTrue(progress.finished());
        return new Copy(start[0], rows, progress);
    }
}
