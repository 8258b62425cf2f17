package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.snapshot.InitialSnapshot;
import io.walstream.snapshot.SnapshotCheckpoint;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotHandler;
import io.walstream.snapshot.SnapshotRow;
import io.walstream.snapshot.SnapshotStart;
import io.walstream.snapshot.SnapshotTable;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial snapshot hand-off on real servers: rows as of the exported snapshot, then the stream from the
 * slot's consistent point, while a writer inserts, updates (also primary keys) and deletes throughout; the
 * consumer's view must equal {@code SELECT} exactly with no change applying twice or missing. Workers (1, 2, 4)
 * and COPY format (text, binary) and transport vary by server version.
 */
@PostgresTest
class InitialSnapshotIT {

    private static final List<String> A_COLUMNS = List.of("id", "v", "n", "b", "flag");
    private static final List<String> B_COLUMNS = List.of("id", "v");

    @Test
    void handOffUnderConcurrentWritesIsExact(PostgresServer server) throws Exception {
        int major = server.version().major();
        int workers = switch (major) {
            case 14 -> 1;
            case 15, 17 -> 2;
            default -> 4;
        };
        boolean binary = major % 2 == 1;
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport)) {
            createTables(sql, "ho");
            ReplicationConfig config = LiveStreams.config(server, transport, "ho_slot", "ho_pub").binary(binary)
                    .createSlot(ReplicationConfig.SlotCreation.IF_MISSING).build();
            Writer writer = new Writer(server, transport, "ho");
            writer.start();
            SnapshotView view = new SnapshotView();
            AtomicLong opsAtStart = new AtomicLong(-1);
            InitialSnapshot initial = InitialSnapshot.builder(config).checkpoints(SnapshotCheckpointStore.inMemory())
                    .workers(workers).pagesPerChunk(8).memoryBudget(1 << 20).progressInterval(Duration.ofMillis(500))
                    .build();
            try (LogicalReplicationStream stream = initial.run(new SnapshotHandler() {
                @Override
                public void onStart(SnapshotStart start) {
                    opsAtStart.set(writer.ops.get());
                    assertFalse(start.restarted());
                    assertNotNull(start.consistentPoint());
                    assertEquals(List.of("public.ho_a", "public.ho_b", "public.ho_done"),
                            start.tables().stream().map(SnapshotTable::qualifiedName).sorted().toList());
                }

                @Override
                public void onRow(SnapshotRow row) {
                    view.snapshot(row);
                    if (view.snapshotRows % 1000 == 0) {
                        sleep(15); // a consumer slower than the readers: they block, and the writer gets time
                    }
                }
            })) {
                long opsDuring = writer.ops.get() - opsAtStart.get();
                writer.stopAndJoin();
                assertTrue(opsDuring > 0, "the writer must have changed rows while the snapshot ran");
                catchUp(sql, stream, view, "ho");
                assertEquals(List.of(), view.anomalies);
                assertExact(sql, view, "ho");
            } finally {
                writer.stopAndJoin();
                LiveStreams.dropSlotQuietly(server, "ho_slot");
            }
        }
    }

    @Test
    void killedMidSnapshotRestartsCleanlyAndThenStreamsWithoutSnapshot(PostgresServer server, @TempDir Path dir)
            throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        boolean binary = server.version().major() % 2 == 0;
        try (PgConnection sql = Slots.sql(server, transport)) {
            createTables(sql, "rs");
            ReplicationConfig config = LiveStreams.config(server, transport, "rs_slot", "rs_pub").binary(binary)
                    .createSlot(ReplicationConfig.SlotCreation.IF_MISSING).build();
            SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir);
            SnapshotView view = new SnapshotView();
            try {
                // 1. the consumer process is killed (SIGKILL) after 1000 rows, mid-snapshot
                killMidSnapshot(server, dir, binary);
                assertTrue(Slots.exists(sql, "rs_slot"), "the slot stays");
                SnapshotCheckpoint unfinished = store.load("rs_slot").orElseThrow();
                assertFalse(unfinished.complete());
                assertNotNull(unfinished.consistentPoint());

                // 2. changes while nobody consumes, then a restart: the slot is recreated and everything copied again
                sql.query("UPDATE rs_a SET v = 'changed while down' WHERE id <= 100");
                sql.query("DELETE FROM rs_b WHERE id <= 50");
                sql.query("INSERT INTO rs_b SELECT g, 'new' FROM generate_series(100001, 100100) g");
                Writer writer = new Writer(server, transport, "rs");
                writer.start();
                AtomicReference<SnapshotStart> start = new AtomicReference<>();
                try (LogicalReplicationStream stream = InitialSnapshot.builder(config).checkpoints(store).workers(2)
                        .pagesPerChunk(8).build().run(new SnapshotHandler() {
                            @Override
                            public void onStart(SnapshotStart s) {
                                start.set(s);
                                view.clear(); // the documented reaction to a restart
                            }

                            @Override
                            public void onRow(SnapshotRow row) {
                                view.snapshot(row);
                            }
                        })) {
                    writer.stopAndJoin();
                    assertTrue(start.get().restarted(), "the second run is a restart");
                    assertTrue(start.get().consistentPoint().compareTo(unfinished.consistentPoint()) > 0,
                            "the slot was recreated at a later consistent point");
                    SnapshotCheckpoint done = store.load("rs_slot").orElseThrow();
                    assertTrue(done.complete());
                    assertEquals(start.get().consistentPoint(), done.consistentPoint());
                    catchUp(sql, stream, view, "rs");
                    assertEquals(List.of(), view.anomalies);
                    assertExact(sql, view, "rs");
                } finally {
                    writer.stopAndJoin();
                }

                // 3. with a completed checkpoint: no snapshot, the stream resumes from the slot
                sql.query("INSERT INTO rs_b VALUES (200001, 'after')");
                try (LogicalReplicationStream stream = InitialSnapshot.builder(config).checkpoints(store).build()
                        .run(row -> {
                            throw new AssertionError("no snapshot expected, got " + row.describe());
                        })) {
                    catchUp(sql, stream, view, "rs");
                    assertEquals(List.of(), view.anomalies);
                    assertExact(sql, view, "rs");
                }
            } finally {
                LiveStreams.dropSlotQuietly(server, "rs_slot");
            }
        }
    }

    /** Runs {@link SnapshotVictim} in its own JVM and kills it with SIGKILL once it is mid-snapshot. */
    private static void killMidSnapshot(PostgresServer server, Path dir, boolean binary) throws Exception {
        Process victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SnapshotVictim.class.getName(), server.host(),
                Integer.toString(server.port()), "rs_slot", "rs_pub", dir.toString(), Boolean.toString(binary))
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    victim.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("STALLED")) {
                seen.append(line).append('\n');
            }
            assertEquals("STALLED", line, "the victim did not stall mid-snapshot:\n" + seen);
        } finally {
            victim.destroyForcibly();
            assertTrue(victim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    static void createTables(PgConnection sql, String p) {
        sql.query("CREATE TABLE " + p + "_a (id int PRIMARY KEY, v text, n numeric, b bytea, flag bool)");
        sql.query("INSERT INTO " + p + "_a SELECT g, 'row ' || g || E'\\t\\\\ \\n', g * 1.25,"
                + " decode(md5(g::text), 'hex'), g % 3 = 0 FROM generate_series(1, 20000) g");
        sql.query("UPDATE " + p + "_a SET v = NULL, b = NULL WHERE id % 97 = 0");
        sql.query("CREATE TABLE " + p + "_b (id bigint PRIMARY KEY, v text)");
        sql.query("INSERT INTO " + p + "_b SELECT g, repeat('x', g % 50) FROM generate_series(1, 3000) g");
        sql.query("CREATE TABLE " + p + "_done (id int PRIMARY KEY)");
        sql.query("CREATE PUBLICATION " + p + "_pub FOR TABLE " + p + "_a, " + p + "_b, " + p + "_done");
    }

    /** Consumes the stream until the marker row inserted now arrives. */
    static void catchUp(PgConnection sql, LogicalReplicationStream stream, SnapshotView view, String p) {
        int marker = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        sql.query("INSERT INTO " + p + "_done VALUES (" + marker + ")");
        boolean seen = false;
        while (true) {
            ReplicationEvent e = stream.next(Duration.ofSeconds(30));
            assertNotNull(e, "timed out waiting for the marker row");
            view.apply(e);
            if (e.message() instanceof Insert && e.newRow().relation().name().equals(p + "_done")
                    && e.newRow().get("id").asInt() == marker) {
                seen = true;
            }
            if (seen && e.message() instanceof Commit c) {
                // acknowledge it and wait until the slot has it, so a later stream resumes after the marker
                stream.acknowledge(e);
                String slot = stream.createdSlot() != null ? stream.createdSlot().slotName() : p + "_slot";
                assertTrue(LiveStreams.await(() -> !LiveStreams.confirmedFlush(sql, slot).isBefore(c.endLsn()),
                        Duration.ofSeconds(20)), "the slot did not confirm " + c.endLsn());
                return;
            }
        }
    }

    static void assertExact(PgConnection sql, SnapshotView view, String p) {
        Map<String, List<String>> a = SnapshotView.expected(sql, p + "_a", A_COLUMNS, null);
        Map<String, List<String>> b = SnapshotView.expected(sql, p + "_b", B_COLUMNS, null);
        assertTrue(a.size() > 15000, "rows of " + p + "_a: " + a.size());
        assertSame(a, view.tables.get("public." + p + "_a"), p + "_a");
        assertSame(b, view.tables.get("public." + p + "_b"), p + "_b");
    }

    /** Equal maps, or a failure naming the first differing keys (the whole maps are too large to print). */
    static void assertSame(Map<String, List<String>> expected, Map<String, List<String>> actual, String what) {
        assertNotNull(actual, what + ": no rows in the view");
        if (expected.equals(actual)) {
            return;
        }
        StringBuilder sb = new StringBuilder(what + " differs (" + expected.size() + " rows expected, "
                + actual.size() + " in the view):");
        int shown = 0;
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k)) && shown++ < 5) {
                sb.append("\n  ").append(k).append(": expected ").append(expected.get(k)).append(" got ")
                        .append(actual.get(k));
            }
        }
        throw new AssertionError(sb.toString());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Inserts, updates (also the primary key) and deletes at random until stopped. */
    static final class Writer extends Thread {
        final AtomicLong ops = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final PostgresServer server;
        private final String transport;
        private final String p;
        private volatile Throwable failure;

        Writer(PostgresServer server, String transport, String p) {
            super("snapshot-writer-" + p);
            this.server = server;
            this.transport = transport;
            this.p = p;
            setDaemon(true);
        }

        @Override
        public void run() {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            try (PgConnection w = Slots.sql(server, transport)) {
                while (!stop.get()) {
                    int id = rnd.nextInt(1, 24000);
                    long bid = rnd.nextLong(1, 3500);
                    switch (rnd.nextInt(7)) {
                        case 0 -> w.query("INSERT INTO " + p + "_a VALUES (" + id + ", 'ins', 1.5, '\\x00ff', true)"
                                + " ON CONFLICT (id) DO NOTHING");
                        case 1 -> w.query("UPDATE " + p + "_a SET v = coalesce(v, '') || 'u', n = n + 1 WHERE id = "
                                + id);
                        case 2 -> w.query("DELETE FROM " + p + "_a WHERE id = " + id);
                        case 3 -> w.query("BEGIN; UPDATE " + p + "_a SET flag = NOT flag WHERE id BETWEEN " + id
                                + " AND " + (id + 20) + "; DELETE FROM " + p + "_b WHERE id = " + bid + "; COMMIT");
                        case 4 -> w.query("UPDATE " + p + "_b SET id = id + 1000000 WHERE id = " + bid
                                + " AND NOT EXISTS (SELECT 1 FROM " + p + "_b WHERE id = " + (bid + 1000000) + ")");
                        case 5 -> w.query("INSERT INTO " + p + "_b VALUES (" + (bid + 5000) + ", 'b')"
                                + " ON CONFLICT (id) DO UPDATE SET v = 'upserted'");
                        default -> w.query("UPDATE " + p + "_b SET v = 'w' || " + id + " WHERE id = " + bid);
                    }
                    ops.incrementAndGet();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Asks the writer to stop without waiting (e.g. from a handler). */
        void stopLater() {
            stop.set(true);
        }

        void awaitStopRequest() throws InterruptedException {
            while (!stop.get()) {
                Thread.sleep(5);
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            join(30_000);
            if (failure != null) {
                throw new AssertionError("the writer failed", failure);
            }
        }
    }
}
