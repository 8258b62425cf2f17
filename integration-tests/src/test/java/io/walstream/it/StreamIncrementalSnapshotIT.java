package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Update;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link LogicalReplicationStream#requestSnapshot} while the stream runs: a consumer that starts with an empty view
 * and applies, in delivery order, changes (an UPDATE's unchanged-TOAST columns keep the value it has) and chunk rows
 * (events marked {@link ReplicationEvent#isSnapshotRead()}, applied as upserts) ends with exactly {@code SELECT *},
 * while a writer updates (leaving a TOASTed column unchanged), deletes and inserts in the chunks being read; and a
 * partitioned table is re-read under its root with {@code publish_via_partition_root}, else leaf by leaf. Text COPY
 * on even versions, binary on odd ones; the transport alternates.
 */
@PostgresTest
class StreamIncrementalSnapshotIT {

    /** The unchanged-TOAST marker a consumer keeps when it has no earlier value (what the bug produced). */
    private static final String MISSING_TOAST = "<unchanged TOAST, value never received>";

    @Test
    void requestSnapshotUnderConcurrentUpdatesAndDeletesWithToastEndsExact(PostgresServer server) throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        boolean binary = server.version().major() % 2 == 1;
        try (PgConnection sql = Slots.sql(server, transport)) {
            sql.query("CREATE TABLE si_t (id int PRIMARY KEY, n int, big text)");
            sql.query("ALTER TABLE si_t ALTER COLUMN big SET STORAGE EXTERNAL"); // TOASTed out of line, uncompressed
            sql.query("INSERT INTO si_t SELECT g, 0, repeat(md5(g::text), 100) FROM generate_series(1, 2000) g");
            sql.query("CREATE TABLE si_nopk (a int)");
            sql.query("CREATE TABLE si_done (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION si_pub FOR TABLE si_t, si_nopk, si_done");
            ReplicationConfig config = LiveStreams.config(server, transport, "si_slot", "si_pub").binary(binary)
                    .messages(true).createSlot(ReplicationConfig.SlotCreation.TEMPORARY).build();
            Consumer view = new Consumer();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                assertNull(stream.next(Duration.ofMillis(100)));
                IllegalArgumentException noPk = assertThrows(IllegalArgumentException.class,
                        () -> stream.requestSnapshot("public.si_nopk", 100));
                assertTrue(noPk.getMessage().contains("no primary key"), noPk.getMessage());
                AtomicBoolean stop = new AtomicBoolean();
                List<String> writerFailures = Collections.synchronizedList(new ArrayList<>());
                AtomicLong ops = new AtomicLong();
                Thread w = new Thread(() -> {
                    try (PgConnection c = Slots.sql(server, transport)) {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        while (!stop.get()) {
                            int id = rnd.nextInt(1, 2200);
                            switch (rnd.nextInt(6)) {
                                case 0 -> c.query("DELETE FROM si_t WHERE id = " + id);
                                case 1 -> c.query("INSERT INTO si_t VALUES (" + id + ", 1, repeat(md5('i' || "
                                        + id + "), 100)) ON CONFLICT (id) DO UPDATE SET n = si_t.n + 1");
                                case 2 -> c.query("UPDATE si_t SET big = 'U:' || repeat(md5(random()::text), 100)"
                                        + " WHERE id = " + id);
                                default -> c.query("UPDATE si_t SET n = n + 1 WHERE id BETWEEN " + id + " AND "
                                        + (id + 150)); // the TOASTed column unchanged: sent as 'u'
                            }
                            ops.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        writerFailures.add(e.toString());
                    }
                });
                w.setDaemon(true);
                w.start();
                assertTrue(LiveStreams.await(() -> ops.get() >= 20, Duration.ofSeconds(30)), "the writer is slow");
                stream.requestSnapshot("public.si_t", 20);
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (view.chunkRows < 1500 && System.nanoTime() < deadline) { // the writer hits chunks meanwhile
                    ReplicationEvent e = stream.next(Duration.ofMillis(200));
                    if (e != null) {
                        view.apply(e);
                    }
                }
                stop.set(true);
                w.join(10_000);
                assertEquals(List.of(), writerFailures);
                assertTrue(ops.get() > 50, "writer operations: " + ops.get());
                catchUp(sql, stream, view, "si_done", 7);
                awaitExact(sql, stream, view, Map.of("si_t", "public.si_t"), "id, n, big");
                assertEquals(List.of(), view.anomalies);
                assertTrue(view.chunkRows >= 1000, "chunk rows: " + view.chunkRows);
                assertTrue(view.toastFilled > 0, "no update hit a chunk being read; the test proved nothing");
                System.out.println("requestSnapshot with TOAST: " + ops.get() + " writer operations, "
                        + view.chunkRows + " chunk rows, " + view.toastFilled + " updates arrived with the unchanged"
                        + " TOAST value filled in");
            }
        }
    }

    @Test
    void partitionedTableIsReReadUnderItsRootOrLeafByLeafPerPublishViaPartitionRoot(PostgresServer server)
            throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        boolean binary = server.version().major() % 2 == 1;
        try (PgConnection sql = Slots.sql(server, transport)) {
            sql.query("CREATE TABLE sp_t (id int PRIMARY KEY, v text) PARTITION BY RANGE (id)");
            sql.query("CREATE TABLE sp_t1 PARTITION OF sp_t FOR VALUES FROM (1) TO (400)");
            sql.query("CREATE TABLE sp_t2 PARTITION OF sp_t FOR VALUES FROM (400) TO (800)");
            sql.query("CREATE TABLE sp_t3 PARTITION OF sp_t FOR VALUES FROM (800) TO (1200)");
            sql.query("INSERT INTO sp_t SELECT g, 'v' || g FROM generate_series(1, 1100) g");
            sql.query("CREATE TABLE sp_done (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION sp_root FOR TABLE sp_t, sp_done WITH (publish_via_partition_root = true)");
            sql.query("CREATE PUBLICATION sp_leaf FOR TABLE sp_t, sp_done WITH (publish_via_partition_root = false)");
            for (boolean viaRoot : new boolean[] {true, false}) {
                String slot = viaRoot ? "sp_root_slot" : "sp_leaf_slot";
                ReplicationConfig config = LiveStreams.config(server, transport, slot, viaRoot ? "sp_root" : "sp_leaf")
                        .binary(binary).messages(true).createSlot(ReplicationConfig.SlotCreation.TEMPORARY).build();
                Consumer view = new Consumer();
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                    assertNull(stream.next(Duration.ofMillis(100)));
                    if (viaRoot) {
                        IllegalArgumentException leaf = assertThrows(IllegalArgumentException.class,
                                () -> stream.requestSnapshot("public.sp_t2", 100));
                        assertTrue(leaf.getMessage().contains("request the root"), leaf.getMessage());
                    }
                    stream.requestSnapshot("public.sp_t", 100);
                    sql.query("UPDATE sp_t SET v = v || 'u' WHERE id % 7 = 0");
                    sql.query("DELETE FROM sp_t WHERE id % 11 = 0");
                    sql.query("UPDATE sp_t SET id = 1150 WHERE id = 399"); // moves to another partition
                    catchUp(sql, stream, view, "sp_done", viaRoot ? 1 : 2);
                    Map<String, String> tables = viaRoot ? Map.of("sp_t", "public.sp_t")
                            : Map.of("sp_t1", "public.sp_t1", "sp_t2", "public.sp_t2", "sp_t3", "public.sp_t3");
                    awaitExact(sql, stream, view, tables, "id, v");
                    assertEquals(List.of(), view.anomalies);
                    Set<String> reported = new HashSet<>(view.tables.keySet());
                    reported.remove("public.sp_done");
                    assertEquals(new HashSet<>(tables.values()), reported, "tables the rows were reported under");
                    assertTrue(view.chunkRows >= 900, "chunk rows: " + view.chunkRows);
                }
            }
        }
    }

    private static void assertNull(Object o) {
        // the stream starts: nothing is published yet (the slot was just created)
        if (o instanceof ReplicationEvent e && e.isRowChange()) {
            throw new AssertionError("unexpected change before any write: " + e.describe());
        }
    }

    /**
     * Applies events until the view equals {@code SELECT} for every table (compared whenever the stream is idle:
     * the snapshot's chunks keep coming until the table was read to its end), or fails after 60 s with the
     * differences.
     */
    static void awaitExact(PgConnection sql, LogicalReplicationStream stream, Consumer view,
                                   Map<String, String> tables, String columns) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ReplicationEvent e = stream.next(Duration.ofMillis(300));
            if (e != null) {
                view.apply(e);
                continue;
            }
            boolean all = true;
            for (Map.Entry<String, String> t : tables.entrySet()) {
                all &= expected(sql, t.getKey(), columns).equals(view.table(t.getValue()));
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                for (Map.Entry<String, String> t : tables.entrySet()) {
                    InitialSnapshotIT.assertSame(expected(sql, t.getKey(), columns), view.table(t.getValue()),
                            t.getKey());
                }
            }
        }
    }

    /** Inserts a marker row and applies events until it arrived. */
    static void catchUp(PgConnection sql, LogicalReplicationStream stream, Consumer view, String doneTable,
                                int marker) {
        sql.query("INSERT INTO " + doneTable + " VALUES (" + marker + ")");
        while (true) {
            ReplicationEvent e = stream.next(Duration.ofSeconds(30));
            assertNotNull(e, "timed out waiting for the marker row");
            view.apply(e);
            if (e.message() instanceof Insert && !e.isSnapshotRead()
                    && e.newRow().relation().name().equals(doneTable)) {
                return;
            }
        }
    }

    /** {@code SELECT columns::text} keyed by id, in the consumer's form. */
    static Map<String, List<String>> expected(PgConnection sql, String table, String columns) {
        String[] names = columns.split(", ");
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < names.length; i++) {
            q.append(i == 0 ? "" : ", ").append(names[i]).append("::text");
        }
        ResultSet r = sql.query(q + " FROM " + table);
        Map<String, List<String>> out = new TreeMap<>();
        for (int row = 0; row < r.rowCount(); row++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < names.length; c++) {
                values.add(names[c] + "=" + r.getString(row, c));
            }
            out.put(r.getString(row, 0), values);
        }
        return out;
    }

    /**
     * A consumer's view keyed by {@code id}: changes applied as they come (an unchanged-TOAST value keeps what the
     * view has, or {@link #MISSING_TOAST}), snapshot reads as upserts; counts chunk rows and records anomalies (a
     * chunk row resurrecting a deleted row or older than an applied change).
     */
    static final class Consumer {
        final Map<String, Map<String, List<String>>> tables = new TreeMap<>();
        final Set<String> deleted = new HashSet<>();
        final List<String> anomalies = new ArrayList<>();
        long chunkRows;
        /** Updates that carry a TOASTed value they did not change (only a chunk row can have filled it in). */
        long toastFilled;

        Map<String, List<String>> table(String name) {
            return tables.getOrDefault(name, Map.of());
        }

        void apply(ReplicationEvent e) {
            if (e.isSnapshotRead()) {
                chunkRows++;
                Row r = e.newRow();
                String k = qualified(r);
                List<String> value = canon(r, null);
                Map<String, List<String>> t = tables.computeIfAbsent(r.relation().qualifiedName(),
                        x -> new TreeMap<>());
                if (deleted.contains(k)) {
                    anomalies.add("chunk row resurrects a deleted row: " + r.describe());
                } else if (t.containsKey(key(r)) && !sameKnown(t.get(key(r)), value) && anomalies.size() < 5) {
                    anomalies.add("chunk row older than an applied change: " + k + " " + value + " vs "
                            + t.get(key(r)));
                }
                t.put(key(r), value);
            } else if (e.message() instanceof Insert) {
                put(e.newRow(), null);
            } else if (e.message() instanceof Update) {
                Row old = e.oldRow() != null ? e.oldRow() : e.newRow();
                List<String> before = tables.computeIfAbsent(old.relation().qualifiedName(), x -> new TreeMap<>())
                        .remove(key(old));
                if (e.oldRow() != null) {
                    deleted.add(qualified(old));
                }
                if (e.newRow().has("big") && !e.newRow().get("big").isUnchangedToast()
                        && !e.newRow().get("big").asString().startsWith("U:")) {
                    toastFilled++;
                }
                put(e.newRow(), before);
            } else if (e.message() instanceof Delete) {
                Row old = e.oldRow();
                tables.computeIfAbsent(old.relation().qualifiedName(), x -> new TreeMap<>()).remove(key(old));
                deleted.add(qualified(old));
            }
        }

        /** Equal, except where the view has no value for an unchanged-TOAST column yet. */
        private static boolean sameKnown(List<String> view, List<String> chunk) {
            if (view.size() != chunk.size()) {
                return false;
            }
            for (int i = 0; i < view.size(); i++) {
                if (!view.get(i).equals(chunk.get(i)) && !view.get(i).endsWith("=" + MISSING_TOAST)) {
                    return false;
                }
            }
            return true;
        }

        private void put(Row r, List<String> before) {
            tables.computeIfAbsent(r.relation().qualifiedName(), x -> new TreeMap<>()).put(key(r), canon(r, before));
            deleted.remove(qualified(r));
        }

        private static String key(Row r) {
            return SnapshotView.canon(r.get("id"));
        }

        private static String qualified(Row r) {
            return r.relation().qualifiedName() + "/" + key(r);
        }

        private static List<String> canon(Row r, List<String> before) {
            Map<String, String> previous = new LinkedHashMap<>();
            if (before != null) {
                for (String s : before) {
                    int eq = s.indexOf('=');
                    previous.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                String name = r.relation().columnNames().get(i);
                ColumnValue v = r.get(i);
                String text = v.isUnchangedToast() ? previous.getOrDefault(name, MISSING_TOAST)
                        : v.isNull() ? "null" : SnapshotView.canon(v);
                out.add(name + "=" + text);
            }
            return out;
        }
    }
}
