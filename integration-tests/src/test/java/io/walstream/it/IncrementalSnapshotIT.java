package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Update;
import io.walstream.snapshot.IncrementalHandler;
import io.walstream.snapshot.IncrementalSnapshot;
import io.walstream.snapshot.SnapshotRow;
import io.walstream.snapshot.SnapshotTable;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The incremental snapshot while updates and deletes hit the chunk being read: a consumer that starts with an
 * empty view and applies events and chunk rows as they come ends with exactly {@code SELECT *}, and never gets a
 * chunk row older than a change it already applied (no resurrected deleted row, no chunk row that differs from
 * the state an earlier change produced). Spread over three versions to keep the suite short: text COPY on 14 and
 * 18, binary on 17, nio on 14 and 18, netty on 17.
 */
@PostgresTest
@PostgresVersions({14, 17, 18})
class IncrementalSnapshotIT {

    @Test
    void chunksInterleaveWithConcurrentChangesExactly(PostgresServer server) throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        boolean binary = server.version().major() % 2 == 1;
        try (PgConnection sql = Slots.sql(server, transport)) {
            sql.query("CREATE TABLE inc_t (id int PRIMARY KEY, v text, n numeric)");
            sql.query("INSERT INTO inc_t SELECT g, 'v' || g, g FROM generate_series(1, 3000) g");
            sql.query("CREATE TABLE inc_nopk (a int)");
            sql.query("CREATE TABLE inc_done (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION inc_pub FOR TABLE inc_t, inc_nopk, inc_done");
            ReplicationConfig config = LiveStreams.config(server, transport, "inc_slot", "inc_pub").binary(binary)
                    .messages(true).createSlot(ReplicationConfig.SlotCreation.TEMPORARY).build();
            Map<String, List<String>> view = new TreeMap<>();
            Set<String> deleted = new HashSet<>();
            List<String> anomalies = java.util.Collections.synchronizedList(new ArrayList<>());
            long[] chunkRows = {0};
            boolean[] tableDone = {false};
            IncrementalHandler handler = new IncrementalHandler() {
                @Override
                public void onEvent(ReplicationEvent e) {
                    if (e.message() instanceof Insert && e.newRow().relation().name().equals("inc_t")) {
                        put(e.newRow());
                    } else if (e.message() instanceof Update && e.newRow().relation().name().equals("inc_t")) {
                        if (e.oldRow() != null) {
                            remove(e.oldRow());
                        }
                        put(e.newRow());
                    } else if (e.message() instanceof Delete && e.oldRow().relation().name().equals("inc_t")) {
                        remove(e.oldRow());
                    }
                }

                private void put(Row r) {
                    String k = SnapshotView.canon(r.get("id"));
                    view.put(k, SnapshotView.canon(r));
                    deleted.remove(k);
                }

                private void remove(Row r) {
                    String k = SnapshotView.canon(r.get("id"));
                    view.remove(k);
                    deleted.add(k);
                }

                @Override
                public void onRow(SnapshotRow row) {
                    chunkRows[0]++;
                    String k = SnapshotView.canon(row.row().get("id"));
                    List<String> value = SnapshotView.canon(row.row());
                    if (deleted.contains(k)) {
                        anomalies.add("chunk row resurrects a deleted row: " + row.describe());
                    } else if (view.containsKey(k) && !view.get(k).equals(value)) {
                        anomalies.add("chunk row older than an applied change: " + row.describe() + " vs "
                                + view.get(k));
                    }
                    view.put(k, value);
                }

                @Override
                public void onTableDone(SnapshotTable table, long rows) {
                    tableDone[0] = true;
                }
            };
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config);
                 IncrementalSnapshot inc = IncrementalSnapshot.open(config)) {
                stream.start();
                IllegalArgumentException noPk = assertThrows(IllegalArgumentException.class,
                        () -> inc.request("public.inc_nopk", 100));
                assertTrue(noPk.getMessage().contains("no primary key"), noPk.getMessage());
                // stopped by a flag, not an interrupt: an interrupted nio read closes the connection while the
                // server may still commit the statement, after the marker row
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                Thread w = new Thread(() -> {
                    try (PgConnection c = Slots.sql(server, transport)) {
                        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
                        while (!stop.get()) {
                            int id = rnd.nextInt(1, 3300);
                            switch (rnd.nextInt(4)) {
                                case 0 -> c.query("UPDATE inc_t SET v = v || 'u', n = n + 1 WHERE id = " + id);
                                case 1 -> c.query("DELETE FROM inc_t WHERE id = " + id);
                                case 2 -> c.query("INSERT INTO inc_t VALUES (" + id + ", 'i', 0) ON CONFLICT (id)"
                                        + " DO UPDATE SET v = 'upsert'");
                                default -> c.query("UPDATE inc_t SET n = -n WHERE id BETWEEN " + id + " AND "
                                        + (id + 30));
                            }
                        }
                    } catch (RuntimeException e) {
                        anomalies.add("writer failed: " + e);
                    }
                });
                w.setDaemon(true);
                w.start();
                inc.request("public.inc_t", 150);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!tableDone[0] && System.nanoTime() < deadline) {
                    inc.process(stream.next(Duration.ofMillis(200)), handler);
                }
                stop.set(true);
                w.join(10_000);
                assertTrue(tableDone[0], "the incremental snapshot did not finish; " + inc);
                assertTrue(inc.chunksDone() >= 20, "chunks: " + inc.chunksDone());
                int marker = 7;
                sql.query("INSERT INTO inc_done VALUES (" + marker + ")");
                boolean seen = false;
                while (!seen) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                    assertTrue(e != null, "timed out waiting for the marker");
                    inc.process(e, handler);
                    if (e.message() instanceof Insert && e.newRow().relation().name().equals("inc_done")) {
                        seen = true;
                    }
                }
                assertEquals(List.of(), anomalies);
                Map<String, List<String>> expected = SnapshotView.expected(sql, "inc_t", List.of("id", "v", "n"),
                        null);
                InitialSnapshotIT.assertSame(expected, view, "inc_t");
                assertTrue(chunkRows[0] > 1000, "chunk rows: " + chunkRows[0]);
            }
        }
    }
}
