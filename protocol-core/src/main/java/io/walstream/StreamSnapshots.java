package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.conn.CreatedSlot;
import io.walstream.snapshot.IncrementalHandler;
import io.walstream.snapshot.IncrementalSnapshot;
import io.walstream.snapshot.InitialSnapshot;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotException;
import io.walstream.snapshot.SnapshotHandler;
import io.walstream.snapshot.SnapshotMode;
import io.walstream.snapshot.SnapshotOptions;
import io.walstream.snapshot.SnapshotRow;
import io.walstream.snapshot.SnapshotStart;
import io.walstream.snapshot.SnapshotTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-level snapshots of a {@link LogicalReplicationStream}: the initial snapshot of
 * {@link SnapshotMode#INITIAL} (an {@link InitialSnapshot} whose rows reach the stream's consumer as events marked
 * {@link ReplicationEvent#isSnapshotRead()}, before the stream starts at the slot's consistent point), and the
 * incremental snapshots of {@link LogicalReplicationStream#requestSnapshot} (an {@link IncrementalSnapshot} that
 * every delivered event passes through, its chunk rows delivered in place of the high watermarks).
 *
 * <p>The initial snapshot runs on a daemon thread started by the first read; its rows are handed over through a
 * small bounded queue (behind the snapshot's own memory budget), so a slow consumer makes the readers wait.
 * Streaming starts only after the last row was delivered and the snapshot was recorded complete: the replication
 * session stays idle while the readers import the exported snapshot.
 *
 * <p><b>Thread safety:</b> {@link #poll} and {@link #push} from the consuming thread; {@link #request},
 * {@link #progress}, {@link #close} from any thread (the incremental snapshot is guarded by a lock).
 */
final class StreamSnapshots {

    private static final Logger log = LoggerFactory.getLogger(StreamSnapshots.class);
    private static final int NONE = 0;
    private static final int PENDING = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;

    private record Finished(RuntimeException failure) {
    }

    private record TableDelivered(String table) {
    }

    /** Chunk size of the incremental re-read of the tables a resumed initial snapshot had not delivered. */
    private static final int RESUME_CHUNK = 1024;

    private final ReplicationConfig config;
    private final InitialSnapshot initial;
    private volatile int phase = NONE;
    private InitialSnapshot.Preparation preparation;
    private CreatedSlot created;
    private TransactionInfo initialMarker;
    private final BlockingQueue<Object> handOff = new ArrayBlockingQueue<>(256);
    private RuntimeException initialFailure;
    private volatile boolean closed;
    private volatile Thread reader;
    private volatile boolean restarted;

    private final Object lock = new Object();
    private IncrementalSnapshot incremental;
    private volatile boolean incrementalActive;
    private final ArrayDeque<Polled> out = new ArrayDeque<>();
    private Polled inFlight;
    private final TransactionInfo chunkMarker = TransactionInfo.snapshotRead(null);
    private final java.util.Set<String> resuming = new java.util.HashSet<>();
    private final List<String> deliveredTables = new ArrayList<>();
    private volatile String consumer;
    private volatile boolean decodedConsumer = true;

    private final IncrementalHandler collector = new IncrementalHandler() {
        @Override
        public void onEvent(ReplicationEvent event) {
            Polled p = inFlight;
            out.add(p.event() == event ? p
                    : new Polled(p.data(), event.message(), event, p.ackPoint(), p.duplicate(), p.streamXid()));
        }

        @Override
        public void onRow(SnapshotRow row) {
            ReplicationEvent e = row.toEvent(chunkMarker);
            if (config.eventFilter().accepts(e)) {
                out.add(new Polled(null, e.message(), e, null, false, false));
            }
        }

        @Override
        public void onTableDone(SnapshotTable table, long rows) {
            log.info("Incremental snapshot of {} delivered: {} rows", table.qualifiedName(), rows);
            if (resuming.contains(table.qualifiedName())) {
                deliveredTables.add(table.qualifiedName()); // recorded once the consumer asks for more
            }
        }
    };

    StreamSnapshots(ReplicationConfig config) {
        this.config = config;
        SnapshotOptions o = config.snapshotOptions();
        if (o.mode() == SnapshotMode.INITIAL) {
            SnapshotCheckpointStore store = o.checkpoints() != null ? o.checkpoints()
                    : SnapshotCheckpointStore.inMemory();
            initial = InitialSnapshot.builder(config).checkpoints(store).workers(o.workers())
                    .progressInterval(o.progressInterval())
                    .resumable(o.checkpoints() != null && config.start().messages()
                            && config.start().streaming() == io.walstream.replication.StreamingMode.OFF)
                    .build();
        } else {
            initial = null;
        }
    }

    /** Before the stream connects: drops the slot of an unfinished snapshot, records the start. */
    void beforeConnect() {
        if (initial != null) {
            preparation = initial.prepare();
        }
    }

    /** After the stream connected and created its slot (or found it). */
    void afterConnect(CreatedSlot slot) {
        if (initial != null && !preparation.resumeTables().isEmpty()) {
            synchronized (lock) {
                resuming.addAll(preparation.resumeTables());
            }
            for (String table : preparation.resumeTables()) {
                request(table, RESUME_CHUNK);
            }
        } else if (initial != null && preparation.restarted() && !preparation.snapshot()) {
            initial.markComplete(); // resumed with every table delivered before: only the record was missing
        }
        if (initial != null && preparation.snapshot()) {
            created = slot;
            restarted = preparation.restarted();
            initialMarker = TransactionInfo.snapshotRead(slot == null ? null : slot.consistentPoint());
            phase = PENDING;
        }
    }

    /** @throws IllegalStateException if the initial snapshot has not been delivered yet */
    void checkStart() {
        int p = phase;
        if (p == PENDING || p == RUNNING) {
            throw new IllegalStateException("start() would end the exported snapshot before the initial snapshot"
                    + " was copied; consume with next/forEach/publisher, which start the stream after the snapshot");
        }
    }

    /**
     * Records how the stream is consumed (first claim).
     *
     * @param api the consuming API's name
     * @param decoded whether it delivers decoded events one by one (next/forEach, publisher)
     */
    void claimed(String api, boolean decoded) {
        consumer = api;
        decodedConsumer = decoded;
        if (!decoded && (initialPending() || incrementalActive)) {
            throw new IllegalStateException("Snapshot rows (snapshot(INITIAL), a resumed snapshot or requestSnapshot)"
                    + " are delivered as events; consume with next/forEach or publisher(), not " + api);
        }
    }

    /** @return whether reads go straight to the stream: no initial snapshot pending, no incremental requested */
    boolean passThrough() {
        return !incrementalActive && !initialPending();
    }

    /** @return whether the stream-level snapshot the caller's read would meet is still being copied */
    private boolean initialPending() {
        int p = phase;
        return p == PENDING || p == RUNNING;
    }

    /**
     * The next event to deliver: initial snapshot rows first, then the stream's events (through the incremental
     * snapshot when one was requested).
     *
     * @param timeoutNanos how long to wait
     * @param raw whether the caller wants raw messages
     * @param stream reads the stream (starting it first if needed)
     * @return the next event, or {@code null} on timeout
     */
    Polled poll(long timeoutNanos, boolean raw, LongFunction<Polled> stream) {
        if (initialPending()) {
            Polled row = nextInitialRow(timeoutNanos);
            if (row != null || initialPending()) {
                return row;
            }
        }
        if (!incrementalActive) {
            Polled p = stream.apply(timeoutNanos);
            return p == null || !incrementalActive ? p : lateRead(p);
        }
        if (raw) {
            throw new IllegalStateException("An incremental snapshot is delivered as events, not raw messages");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            synchronized (lock) {
                Polled next = out.poll();
                if (next != null) {
                    return next;
                }
            }
            long left = deadline - System.nanoTime();
            Polled p = stream.apply(Math.max(0, left));
            List<Polled> produced = process(p);
            if (!produced.isEmpty()) {
                synchronized (lock) {
                    out.addAll(produced.subList(1, produced.size()));
                }
                return produced.get(0);
            }
            if (p == null || deadline - System.nanoTime() <= 0) {
                return null;
            }
        }
    }

    /**
     * A message read while no incremental snapshot was active, returned after {@link #request} (from another
     * thread) activated one: it may already be the new chunk's watermark, so it goes through the incremental
     * snapshot like every later event.
     *
     * @param p the message read
     * @return what to deliver first, or {@code null} (as after a timeout) when nothing is to be delivered yet
     */
    Polled lateRead(Polled p) {
        if (p == null || p.event() == null) {
            return p;
        }
        List<Polled> produced = process(p);
        if (produced.isEmpty()) {
            return null;
        }
        synchronized (lock) {
            out.addAll(produced.subList(1, produced.size()));
        }
        return produced.get(0);
    }

    /**
     * For a push consumer: delivers the whole initial snapshot to {@code handler} first (returns early if the
     * stream is closed), then returns the handler to push stream events to.
     */
    Consumer<Polled> push(boolean raw, Consumer<Polled> handler) {
        while (initialPending() && !closed) {
            Polled row = nextInitialRow(TimeUnit.MILLISECONDS.toNanos(500));
            if (row != null) {
                handler.accept(row);
            }
        }
        return p -> {
            if (!incrementalActive || p.event() == null) {
                handler.accept(p);
                return;
            }
            for (Polled o : process(p)) {
                handler.accept(o);
            }
        };
    }

    /**
     * {@link #push} for a consumer of events only (forEach): delivers the initial snapshot first, then returns the
     * handler for stream events, which wraps an event in a {@link Polled} only while an incremental snapshot is
     * active (its rows are interleaved there); otherwise the event goes straight to {@code handler}.
     */
    Consumer<ReplicationEvent> pushEvents(Consumer<? super ReplicationEvent> handler) {
        while (initialPending() && !closed) {
            Polled row = nextInitialRow(TimeUnit.MILLISECONDS.toNanos(500));
            if (row != null) {
                handler.accept(row.event());
            }
        }
        return e -> {
            if (!incrementalActive) {
                handler.accept(e);
                return;
            }
            Polled p = new Polled(null, e.message(), e, null, false, e.message().streamXid().isPresent());
            for (Polled o : process(p)) {
                handler.accept(o.event());
            }
        };
    }

    /** Passes one polled message (or a timeout) through the incremental snapshot. */
    private List<Polled> process(Polled p) {
        synchronized (lock) {
            if (p != null && p.event() == null) {
                return List.of(p); // a duplicate (adapters skip it)
            }
            recordDeliveredTables();
            inFlight = p;
            try {
                incremental.process(p == null ? null : p.event(), collector);
            } finally {
                inFlight = null;
            }
            List<Polled> produced = new ArrayList<>(out);
            out.clear();
            // stays active when idle: the incremental snapshot keeps tracking the transactions delivered, which a
            // later chunk must see (see IncrementalSnapshot)
            return produced;
        }
    }

    /** Records the resumed tables whose chunk rows the consumer has received (it asked for the next event). */
    private void recordDeliveredTables() {
        if (deliveredTables.isEmpty()) {
            return;
        }
        for (String t : deliveredTables) {
            initial.tableDelivered(t);
            resuming.remove(t);
        }
        deliveredTables.clear();
        if (resuming.isEmpty()) {
            initial.markComplete();
        }
    }

    /** {@link LogicalReplicationStream#requestSnapshot}. */
    void request(String table, int chunkSize) {
        String c = consumer;
        if (!decodedConsumer) {
            throw new IllegalStateException("An incremental snapshot is delivered as events; this stream is consumed"
                    + " with " + c);
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The stream is closed");
            }
            if (incremental == null) {
                incremental = IncrementalSnapshot.open(config);
            }
            incremental.request(table, chunkSize);
            incrementalActive = true;
            inFlight = null;
            incremental.process(null, collector); // starts the first chunk unless one is open
        }
    }

    private Polled nextInitialRow(long timeoutNanos) {
        if (phase == PENDING) {
            startInitial();
        }
        Object item;
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            do {
                item = handOff.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (item instanceof TableDelivered d) {
                    initial.tableDelivered(d.table()); // its rows went out before and the consumer asks for more
                }
            } while (item instanceof TableDelivered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while waiting for initial snapshot rows", null, e);
        }
        if (item instanceof Polled p) {
            return p;
        }
        if (item instanceof Finished f) {
            if (f.failure() != null) {
                initialFailure = f.failure();
                throw f.failure();
            }
            phase = DONE;
        }
        if (initialFailure != null) {
            throw initialFailure;
        }
        return null;
    }

    private void startInitial() {
        phase = RUNNING;
        Thread t = new Thread(() -> {
            RuntimeException failure = null;
            try {
                initial.copy(created, restarted, new SnapshotHandler() {
                    @Override
                    public void onRow(SnapshotRow row) {
                        ReplicationEvent e = row.toEvent(initialMarker);
                        if (config.eventFilter().accepts(e)) { // tables(...) applies to snapshot rows too
                            hand(new Polled(null, e.message(), e, null, false, false));
                        }
                    }

                    @Override
                    public void onTableDone(SnapshotTable table, long rows) {
                        hand(new TableDelivered(table.qualifiedName()));
                    }

                    @Override
                    public void onStart(SnapshotStart start) {
                        if (start.restarted()) {
                            log.warn("The initial snapshot of slot {} restarts after an unfinished one: the rows"
                                    + " delivered before are replaced by the ones that follow",
                                    config.start().slotName());
                        }
                    }
                });
            } catch (RuntimeException e) {
                failure = e;
            }
            if (!closed) {
                hand(new Finished(failure));
            }
        }, "walstream-initial-snapshot");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void hand(Object item) {
        try {
            while (!handOff.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new SnapshotException("Stream closed during the initial snapshot", null, null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted during the initial snapshot", null, e);
        }
    }

    /** @return whether this stream is replacing an unfinished initial snapshot of its slot */
    boolean restarted() {
        return restarted;
    }

    /** @param m the stream's metrics @return them with the initial snapshot's and the incremental ones' progress */
    StreamMetrics decorate(StreamMetrics m) {
        StreamMetrics out = initial == null ? m : m.withSnapshot(initial.progress().orElse(null));
        synchronized (lock) {
            return incremental == null ? out : out.withIncrementalSnapshots(incremental.progress());
        }
    }

    /** Cancels a running initial snapshot and closes the incremental snapshot's connection. */
    void close() {
        closed = true;
        if (initial != null) {
            initial.cancel();
        }
        Thread t = reader;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IncrementalSnapshot inc;
        synchronized (lock) {
            inc = incremental;
            incrementalActive = false;
        }
        if (inc != null) {
            inc.close();
        }
    }
}
