package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.snapshot.SnapshotCheckpoint;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotMode;
import io.walstream.snapshot.SnapshotProgress;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial snapshot as a stream option ({@code snapshot(SnapshotMode.INITIAL)}): opening the stream creates the
 * slot with an exported snapshot, the first reads deliver every published row as an event marked
 * {@link ReplicationEvent#isSnapshotRead()}, then the changes from the slot's consistent point — while a writer
 * inserts, updates (also primary keys) and deletes throughout. The consumer's view must equal {@code SELECT}
 * exactly, no change applying twice or missing, no snapshot row after a streamed event. Workers 1/2/4, text or
 * binary COPY, nio or netty, pull ({@code next}) or push ({@code forEach}) vary by server version.
 */
@PostgresTest
class StreamSnapshotIT {

    @Test
    void streamLevelInitialSnapshotHandOffUnderConcurrentWritesIsExact(PostgresServer server, @TempDir Path dir)
            throws Exception {
        int major = server.version().major();
        int workers = switch (major) {
            case 14 -> 1;
            case 15, 17 -> 2;
            default -> 4;
        };
        boolean binary = major % 2 == 1;
        boolean push = major == 15 || major == 18;
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport)) {
            InitialSnapshotIT.createTables(sql, "sl");
            ReplicationConfig config = LiveStreams.config(server, transport, "sl_slot", "sl_pub").binary(binary)
                    .createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                    .snapshot(SnapshotMode.INITIAL).snapshotWorkers(workers)
                    .snapshotCheckpoints(SnapshotCheckpointStore.inDirectory(dir)).build();
            InitialSnapshotIT.Writer writer = new InitialSnapshotIT.Writer(server, transport, "sl");
            writer.start();
            SnapshotView view = new SnapshotView();
            List<String> order = new ArrayList<>();
            AtomicLong snapshotEvents = new AtomicLong();
            int marker = 424242;
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                assertNotNull(stream.createdSlot(), "the stream created its slot");
                assertThrows(IllegalStateException.class, stream::start,
                        "start() before the rows were copied would end the exported snapshot");
                boolean[] streamed = {false};
                boolean[] done = {false};
                java.util.function.Consumer<ReplicationEvent> consume = e -> {
                    if (e.isSnapshotRead()) {
                        snapshotEvents.incrementAndGet();
                        if (streamed[0] && order.size() < 5) {
                            order.add("snapshot row after a streamed event: " + e.newRow().describe());
                        }
                        if (!(e.message() instanceof Insert) || e.oldRow() != null) {
                            order.add("a snapshot read must be an INSERT with only a new row: " + e.describe());
                        }
                        view.tables.computeIfAbsent(e.newRow().relation().qualifiedName(),
                                k -> new java.util.TreeMap<>()).put(SnapshotView.canon(e.newRow().get("id")),
                                SnapshotView.canon(e.newRow()));
                        if (snapshotEvents.get() % 2000 == 0) {
                            InitialSnapshotIT.sleep(10); // slower than the readers: they block, the writer runs on
                        }
                        return;
                    }
                    if (!streamed[0]) {
                        streamed[0] = true;
                        writer.stopLater();
                    }
                    view.apply(e);
                    if (e.message() instanceof Insert && e.newRow().relation().name().equals("sl_done")
                            && e.newRow().get("id").asInt() == marker) {
                        done[0] = true;
                    }
                };
                if (push) {
                    Thread inserter = markerWhenStopped(server, transport, writer, marker);
                    stream.forEach(e -> {
                        consume.accept(e);
                        if (done[0] && e.message() instanceof Commit) {
                            stream.close();
                        }
                    });
                    inserter.join(30_000);
                } else {
                    while (!streamed[0]) {
                        ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                        assertNotNull(e, "no event for 30 s");
                        consume.accept(e);
                    }
                    writer.stopAndJoin();
                    sql.query("INSERT INTO sl_done VALUES (" + marker + ")");
                    while (!done[0]) {
                        ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                        assertNotNull(e, "timed out waiting for the marker row");
                        consume.accept(e);
                    }
                }
                writer.stopAndJoin();
                SnapshotProgress progress = stream.metrics().snapshot();
                assertNotNull(progress, "metrics carry the snapshot's progress");
                assertTrue(progress.finished(), progress.describe());
                assertEquals(3, progress.tablesTotal(), progress.describe());
                assertEquals(3, progress.tablesDone(), progress.describe());
                assertEquals(snapshotEvents.get(), progress.rows(), progress.describe());
                assertTrue(progress.bytes() > 0 && progress.estimatedBytes() > 0, progress.describe());
                assertTrue(writer.ops.get() > 0, "the writer changed rows");
                assertEquals(List.of(), order);
                assertEquals(List.of(), view.anomalies);
                InitialSnapshotIT.assertExact(sql, view, "sl");
            } finally {
                writer.stopAndJoin();
                LiveStreams.dropSlotQuietly(server, "sl_slot");
            }
        }
    }

    /** Waits for the writer to stop (once streaming began), then inserts the marker row from its own thread. */
    private static Thread markerWhenStopped(PostgresServer server, String transport, InitialSnapshotIT.Writer writer,
                                            int marker) {
        Thread t = new Thread(() -> {
            try {
                writer.awaitStopRequest();
                writer.join(30_000);
                try (PgConnection c = Slots.sql(server, transport)) {
                    c.query("INSERT INTO sl_done VALUES (" + marker + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "marker-inserter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void restartWithACheckpointStoreSkipsTheTablesAlreadyDelivered(PostgresServer server, @TempDir Path dir)
            throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        boolean binary = server.version().major() % 2 == 0;
        try (PgConnection sql = Slots.sql(server, transport)) {
            InitialSnapshotIT.createTables(sql, "rr");
            SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir);
            ReplicationConfig config = LiveStreams.config(server, transport, "rr_slot", "rr_pub").binary(binary)
                    .createSlot(ReplicationConfig.SlotCreation.IF_MISSING).messages(true)
                    .snapshot(SnapshotMode.INITIAL).snapshotWorkers(1).snapshotCheckpoints(store).build();
            StreamIncrementalSnapshotIT.Consumer view = new StreamIncrementalSnapshotIT.Consumer();
            try {
                // 1. the consumer stops (closes the stream) after rr_a and part of rr_b were delivered
                Lsn consistentPoint;
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                    consistentPoint = stream.createdSlot().consistentPoint();
                    long bRows = 0;
                    while (bRows < 500) {
                        ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                        assertNotNull(e, "no snapshot row for 30 s");
                        assertTrue(e.isSnapshotRead(), e.describe());
                        view.apply(e);
                        if (e.newRow().relation().name().equals("rr_b")) {
                            bRows++;
                        }
                    }
                }
                SnapshotCheckpoint unfinished = store.load("rr_slot").orElseThrow();
                assertFalse(unfinished.complete());
                assertEquals(java.util.Set.of("public.rr_a"), unfinished.tablesDone(),
                        "one worker reads the largest table first; it was delivered completely");

                // 2. changes while nobody consumes, and during the resumed run
                sql.query("UPDATE rr_a SET v = 'changed while down' WHERE id <= 100");
                sql.query("DELETE FROM rr_b WHERE id <= 50");
                sql.query("INSERT INTO rr_b SELECT g, 'new' FROM generate_series(100001, 100100) g");
                InitialSnapshotIT.Writer writer = new InitialSnapshotIT.Writer(server, transport, "rr");
                writer.start();
                long aReads = 0;
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                    assertEquals(null, stream.createdSlot(), "the slot is kept, not recreated");
                    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (System.nanoTime() < until) {
                        ReplicationEvent e = stream.next(Duration.ofMillis(200));
                        if (e != null) {
                            if (e.isSnapshotRead() && e.newRow().relation().name().equals("rr_a")) {
                                aReads++;
                            }
                            view.apply(e);
                        }
                    }
                    writer.stopAndJoin();
                    StreamIncrementalSnapshotIT.catchUp(sql, stream, view, "rr_done", 99);
                    StreamIncrementalSnapshotIT.awaitExact(sql, stream, view, Map.of("rr_b", "public.rr_b"),
                            "id, v");
                    StreamIncrementalSnapshotIT.awaitExact(sql, stream, view, Map.of("rr_a", "public.rr_a"),
                            "id, v, n, b, flag");
                    assertEquals(List.of(), view.anomalies);
                    assertEquals(0, aReads, "rr_a was delivered before and is not copied again");
                    assertTrue(LiveStreams.await(() -> store.load("rr_slot").orElseThrow().complete(),
                            Duration.ofSeconds(10)), "the resumed snapshot is recorded complete: "
                            + store.load("rr_slot"));
                    SnapshotCheckpoint done = store.load("rr_slot").orElseThrow();
                    assertEquals(consistentPoint, done.consistentPoint());
                    assertTrue(done.tablesDone().contains("public.rr_b"), done.toString());
                } finally {
                    writer.stopAndJoin();
                }
            } finally {
                LiveStreams.dropSlotQuietly(server, "rr_slot");
            }
        }
    }

    @Test
    void restartWithoutResumeCopiesEverythingAgainAndSaysSo(PostgresServer server, @TempDir Path dir)
            throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport)) {
            InitialSnapshotIT.createTables(sql, "cr");
            SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir);
            ReplicationConfig config = LiveStreams.config(server, transport, "cr_slot", "cr_pub")
                    .createSlot(ReplicationConfig.SlotCreation.IF_MISSING) // no messages(true): no resume
                    .snapshot(SnapshotMode.INITIAL).snapshotWorkers(2).snapshotCheckpoints(store).build();
            try {
                Lsn first;
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                    first = stream.createdSlot().consistentPoint();
                    for (int i = 0; i < 1000; i++) {
                        ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                        assertNotNull(e, "no snapshot row for 30 s");
                        assertTrue(e.isSnapshotRead(), e.describe());
                    }
                    assertFalse(stream.metrics().snapshot().restarted());
                }
                sql.query("DELETE FROM cr_b WHERE id <= 50");
                sql.query("UPDATE cr_a SET v = 'changed while down' WHERE id <= 100");
                StreamIncrementalSnapshotIT.Consumer view = new StreamIncrementalSnapshotIT.Consumer();
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                    assertNotNull(stream.createdSlot(), "the slot was dropped and created again");
                    assertTrue(stream.createdSlot().consistentPoint().compareTo(first) > 0);
                    ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                    assertNotNull(e);
                    assertTrue(e.isSnapshotRead(), e.describe());
                    assertTrue(stream.metrics().snapshot().restarted(), "a consumer can tell it must start over");
                    view.apply(e);
                    StreamIncrementalSnapshotIT.catchUp(sql, stream, view, "cr_done", 5);
                    StreamIncrementalSnapshotIT.awaitExact(sql, stream, view, Map.of("cr_a", "public.cr_a"),
                            "id, v, n, b, flag");
                    StreamIncrementalSnapshotIT.awaitExact(sql, stream, view, Map.of("cr_b", "public.cr_b"), "id, v");
                    assertEquals(List.of(), view.anomalies);
                    assertTrue(store.load("cr_slot").orElseThrow().complete());
                }
            } finally {
                LiveStreams.dropSlotQuietly(server, "cr_slot");
            }
        }
    }
}
