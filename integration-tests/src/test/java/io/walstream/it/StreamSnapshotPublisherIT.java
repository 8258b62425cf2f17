package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Insert;
import io.walstream.snapshot.IncrementalProgress;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotMode;
import io.walstream.snapshot.SnapshotProgress;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot rows through {@link LogicalReplicationStream#publisher()}: the initial snapshot
 * ({@code snapshot(SnapshotMode.INITIAL)}) and then a {@link LogicalReplicationStream#requestSnapshot} called from the
 * test thread while the publisher's thread delivers, a writer inserting, updating (also primary keys) and deleting
 * throughout both. The subscriber requests in small batches (the readers wait on its demand) and applies events in
 * delivery order (snapshot reads as upserts); its view must equal {@code SELECT} exactly after each phase, with no
 * snapshot row of the initial snapshot after a streamed event and no chunk row older than a change already applied.
 * Workers, text or binary COPY and the transport vary by server version.
 */
@PostgresTest
class StreamSnapshotPublisherIT {

    private static final int BATCH = 64;

    @Test
    void initialAndRequestedSnapshotRowsReachASubscriberAndTheViewEndsExact(PostgresServer server, @TempDir Path dir)
            throws Exception {
        int major = server.version().major();
        int workers = major % 2 == 0 ? 1 : 2;
        boolean binary = major % 2 == 1;
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport)) {
            InitialSnapshotIT.createTables(sql, "pb");
            ReplicationConfig config = LiveStreams.config(server, transport, "pb_slot", "pb_pub").binary(binary)
                    .messages(true).createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                    .snapshot(SnapshotMode.INITIAL).snapshotWorkers(workers)
                    .snapshotCheckpoints(SnapshotCheckpointStore.inDirectory(dir)).build();
            InitialSnapshotIT.Writer writer = new InitialSnapshotIT.Writer(server, transport, "pb");
            writer.start();
            Subscriber sub = new Subscriber(writer);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                stream.publisher().subscribe(sub);

                // 1. the initial snapshot, then the changes the writer made meanwhile
                assertTrue(LiveStreams.await(() -> sub.streamed.get() > 0, Duration.ofSeconds(120)),
                        "no streamed event after the initial snapshot: " + sub.state());
                writer.stopAndJoin();
                assertTrue(writer.ops.get() > 0, "the writer changed rows");
                sub.awaitMarker(sql, 1);
                awaitExact(sql, sub, Map.of("pb_a", "public.pb_a"), "id, v, n, b, flag");
                awaitExact(sql, sub, Map.of("pb_b", "public.pb_b"), "id, v");
                long initialRows = sub.snapshotReads.get();
                assertTrue(initialRows > 20000, "initial snapshot rows: " + initialRows);
                SnapshotProgress progress = stream.metrics().snapshot();
                assertTrue(progress.finished(), progress.describe());
                assertEquals(initialRows, progress.rows(), progress.describe());
                assertEquals(List.of(), stream.metrics().incrementalSnapshots(), "none requested yet");

                // 2. requestSnapshot from another thread while the publisher delivers and the writer runs again
                InitialSnapshotIT.Writer again = new InitialSnapshotIT.Writer(server, transport, "pb");
                sub.incremental = true;
                again.start();
                try {
                    assertTrue(LiveStreams.await(() -> again.ops.get() >= 20, Duration.ofSeconds(30)),
                            "the writer is slow");
                    stream.requestSnapshot("public.pb_a", 500);
                    List<IncrementalProgress> started = stream.metrics().incrementalSnapshots();
                    assertEquals(1, started.size(), started.toString());
                    assertEquals("public.pb_a", started.get(0).table());
                    assertTrue(!started.get(0).done(), started.get(0).describe());
                    assertTrue(LiveStreams.await(() -> sub.snapshotReads.get() - initialRows >= 15000,
                            Duration.ofSeconds(120)), "chunk rows: " + (sub.snapshotReads.get() - initialRows));
                } finally {
                    again.stopAndJoin();
                }
                sub.awaitMarker(sql, 2);
                awaitExact(sql, sub, Map.of("pb_a", "public.pb_a"), "id, v, n, b, flag");
                awaitExact(sql, sub, Map.of("pb_b", "public.pb_b"), "id, v");
                synchronized (sub.view) {
                    assertEquals(List.of(), sub.view.anomalies);
                }
                assertTrue(LiveStreams.await(() -> stream.metrics().incrementalSnapshots().get(0).done(),
                        Duration.ofSeconds(60)), stream.metrics().incrementalSnapshots().toString());
                IncrementalProgress done = stream.metrics().incrementalSnapshots().get(0);
                assertTrue(done.done(), done.describe());
                assertEquals(sub.snapshotReads.get() - initialRows, done.rows(), done.describe());
                long rowsNow = StreamIncrementalSnapshotIT.expected(sql, "pb_a", "id").size();
                assertTrue(done.chunksDone() >= rowsNow / 500, done.describe() + ", " + rowsNow + " rows now");
                assertEquals(done, stream.metrics().incrementalSnapshots().get(0), "frozen once done");
                assertEquals(List.of(), sub.order);
                assertEquals(null, sub.failure.get(), "onError");
                sub.subscription.cancel();
                System.out.println("publisher: " + initialRows + " initial snapshot rows, "
                        + (sub.snapshotReads.get() - initialRows) + " chunk rows, " + sub.streamed.get()
                        + " streamed events, writer " + (writer.ops.get() + again.ops.get()) + " operations");
            } finally {
                writer.stopAndJoin();
                LiveStreams.dropSlotQuietly(server, "pb_slot");
            }
        }
    }

    /**
     * Compares the view with {@code SELECT} whenever the subscriber has had nothing for 300 ms (the chunks keep
     * coming until the table was read to its end); fails after 60 s with the differences.
     */
    private static void awaitExact(PgConnection sql, Subscriber sub, Map<String, String> tables, String columns) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            InitialSnapshotIT.sleep(100);
            if (System.nanoTime() - sub.lastEvent.get() < Duration.ofMillis(300).toNanos()) {
                continue;
            }
            boolean all = true;
            for (Map.Entry<String, String> t : tables.entrySet()) {
                Map<String, List<String>> expected = StreamIncrementalSnapshotIT.expected(sql, t.getKey(), columns);
                synchronized (sub.view) {
                    all &= expected.equals(sub.view.table(t.getValue()));
                    if (!all && System.nanoTime() > deadline) {
                        InitialSnapshotIT.assertSame(expected, sub.view.table(t.getValue()), t.getKey());
                    }
                }
            }
            if (all) {
                return;
            }
        }
    }

    /** Applies what the publisher delivers, requesting {@link #BATCH} events at a time. */
    private static final class Subscriber implements Flow.Subscriber<ReplicationEvent> {
        final StreamIncrementalSnapshotIT.Consumer view = new StreamIncrementalSnapshotIT.Consumer();
        final AtomicLong snapshotReads = new AtomicLong();
        final AtomicLong streamed = new AtomicLong();
        final AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        final AtomicInteger markerSeen = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        private final InitialSnapshotIT.Writer writer;
        volatile boolean incremental;
        volatile Flow.Subscription subscription;
        private int left;

        Subscriber(InitialSnapshotIT.Writer writer) {
            this.writer = writer;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            left = BATCH;
            s.request(BATCH);
        }

        @Override
        public void onNext(ReplicationEvent e) {
            lastEvent.set(System.nanoTime());
            if (e.isSnapshotRead()) {
                long n = snapshotReads.incrementAndGet();
                if (!incremental && streamed.get() > 0 && order.size() < 5) {
                    order.add("initial snapshot row after a streamed event: " + e.newRow().describe());
                }
                if (!(e.message() instanceof Insert) || e.oldRow() != null) {
                    order.add("a snapshot read must be an INSERT with only a new row: " + e.describe());
                }
                if (!incremental && n % 2000 == 0) {
                    InitialSnapshotIT.sleep(10); // slower than the readers: they block, the writer runs on
                }
            } else if (e.isRowChange()) {
                if (streamed.incrementAndGet() == 1) {
                    writer.stopLater();
                }
                if (e.message() instanceof Insert && e.newRow().relation().name().equals("pb_done")) {
                    markerSeen.set(e.newRow().get("id").asInt());
                }
            }
            synchronized (view) {
                view.apply(e);
            }
            if (--left == 0) {
                left = BATCH;
                subscription.request(BATCH);
            }
        }

        @Override
        public void onError(Throwable t) {
            failure.set(t);
        }

        @Override
        public void onComplete() {
        }

        /** Inserts marker row {@code m} and waits until the subscriber received it. */
        void awaitMarker(PgConnection sql, int m) {
            sql.query("INSERT INTO pb_done VALUES (" + m + ")");
            assertTrue(LiveStreams.await(() -> markerSeen.get() == m || failure.get() != null,
                    Duration.ofSeconds(60)), "marker " + m + " not delivered: " + state());
            assertEquals(null, failure.get(), "onError");
        }

        String state() {
            return snapshotReads.get() + " snapshot reads, " + streamed.get() + " streamed changes, failure "
                    + failure.get();
        }
    }
}
