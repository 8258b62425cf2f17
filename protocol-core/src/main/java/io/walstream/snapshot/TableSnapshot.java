package io.walstream.snapshot;

import io.walstream.Lsn;
import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;
import io.walstream.codec.Frame;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.CopyOut;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationMode;
import io.walstream.conn.Sql;
import io.walstream.pgoutput.RowBinder;
import io.walstream.pgoutput.TupleData;
import io.walstream.spi.TransportOptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every table of a set of publications as of one exported snapshot, in parallel, with bounded memory.
 *
 * <pre>{@code
 * TableSnapshot snapshot = TableSnapshot.builder(readerConfig)   // an ordinary (non-replication) connection
 *         .publications("app_pub").snapshotName(stream.exportedSnapshot())
 *         .workers(2).binary(false).build();
 * SnapshotProgress done = snapshot.run(row -> apply(row.table(), row.row()));
 * }</pre>
 *
 * <p>Each of the {@code workers} readers opens its own connection, runs
 * {@code BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY} and {@code SET TRANSACTION SNAPSHOT}, and then takes
 * work units from a shared list: a table (a leaf partition, for a root published via the root), or, for a table
 * larger than {@code pagesPerChunk} pages when there is more than one worker, one ctid range of it
 * ({@code ctid >= '(p,0)' AND ctid < '(q,0)'}, a TID range scan; the last range is open-ended, so pages added
 * since the size was read are covered). Largest units go first. Before reading a table the worker takes
 * {@code ACCESS SHARE} on it, so it cannot be dropped while it is read. A unit is read with
 * {@code COPY (SELECT published columns FROM ONLY t WHERE row filter AND ctid range) TO STDOUT} — binary when
 * {@code binary(true)} (for a stream with {@code binary true}), else text — and every row becomes a
 * {@link SnapshotRow} with exactly the values pgoutput would send.
 *
 * <p>Rows are handed over in batches through a bounded queue of about {@code memoryBudget} bytes: readers block
 * when the handler is slower than they are. Progress ({@link #progress()}) is logged every
 * {@code progressInterval}.
 *
 * <p>The exporting replication session must stay idle until {@link #run} returns (every reader imports the
 * snapshot when it starts). Failures are typed: {@link SnapshotExpiredException},
 * {@link SnapshotPermissionException}, {@link SnapshotTableDroppedException}, else {@link SnapshotException}.
 *
 * <p><b>Thread safety:</b> {@link #run} is called once, from one thread; {@link #progress()} and
 * {@link #cancel()} may be called from any thread.
 */
public final class TableSnapshot {

    private static final Logger log = LoggerFactory.getLogger(TableSnapshot.class);
    private static final int BATCH_ROWS = 512;
    private static final int BATCH_BYTES = 256 * 1024;
    private static final long PAGE_SIZE_GUESS = 8192;
    private static final VarHandle ROWS;

    static {
        try {
            ROWS = MethodHandles.lookup().findVarHandle(TableSnapshot.class, "rows", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionConfig connection;
    private final TransportOptions transportOptions;
    private final List<String> publications;
    private final String snapshotName;
    private final int workers;
    private final boolean binary;
    private final long pagesPerChunk;
    private final long memoryBudget;
    private final Duration progressInterval;
    private final Lsn consistentPoint;
    private final boolean restarted;

    private final List<PgConnection> open = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile long startNanos;
    private volatile int tablesTotal;
    private volatile int tablesDone;
    private volatile long rows;
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile long bytes;
    private volatile long estimatedBytes;
    private volatile boolean finished;
    private boolean ran;

    private TableSnapshot(Builder b) {
        this.connection = b.connection;
        this.transportOptions = b.transportOptions;
        this.publications = b.publications;
        this.snapshotName = b.snapshotName;
        this.workers = b.workers;
        this.binary = b.binary;
        this.pagesPerChunk = b.pagesPerChunk;
        this.memoryBudget = b.memoryBudget;
        this.progressInterval = b.progressInterval;
        this.consistentPoint = b.consistentPoint;
        this.restarted = b.restarted;
    }

    /**
     * @param connection where the readers connect; a replication setting is dropped (readers are ordinary
     *        connections)
     * @return a builder
     */
    public static Builder builder(ConnectionConfig connection) {
        return new Builder(connection.withReplication(ReplicationMode.NONE));
    }

    /** Rows of one unit (so of one table), in order. */
    private record Batch(List<SnapshotRow> rows, long bytes) {
    }

    private record UnitDone(SnapshotTable table) {
    }

    private record WorkerEnd(RuntimeException failure) {
    }

    /**
     * Copies every published table, handing each row to {@code handler} on this thread.
     *
     * @param handler receives the rows
     * @return the final progress
     * @throws SnapshotException if a read failed (the snapshot is then incomplete)
     * @throws IllegalStateException if called twice
     */
    public SnapshotProgress run(SnapshotHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("A TableSnapshot runs once");
            }
            ran = true;
        }
        startNanos = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        try {
            PgConnection first = openReader();
            PublicationCatalog.Catalog catalog;
            try {
                catalog = PublicationCatalog.load(first, publications);
            } catch (ServerErrorException e) {
                throw new SnapshotException("Reading the publication catalog failed: " + e.getMessage(), null, e);
            }
            List<SnapshotTable> tables = catalog.tables();
            tablesTotal = tables.size();
            Map<Integer, Long> sizes = currentSizes(tables);
            long pages = 0;
            for (SnapshotTable t : tables) {
                for (SnapshotTable.Source s : t.sources()) {
                    pages += SnapshotPlan.pagesOf(s, sizes);
                }
            }
            estimatedBytes = pages * PAGE_SIZE_GUESS;
            List<SnapshotPlan.Unit> units = SnapshotPlan.plan(tables, sizes, workers, pagesPerChunk,
                    first.serverVersion().atLeast(14));
            log.info("Snapshot {} of {} tables ({} units, ~{} pages) with {} worker(s), {} COPY", snapshotName,
                    tables.size(), units.size(), pages, workers, binary ? "binary" : "text");
            handler.onStart(new SnapshotStart(tables, snapshotName, consistentPoint, restarted));

            Map<SnapshotTable, Integer> remaining = new HashMap<>();
            for (SnapshotPlan.Unit u : units) {
                remaining.merge(u.table(), 1, Integer::sum);
            }
            Map<SnapshotTable, Long> rowsPerTable = new HashMap<>();
            for (SnapshotTable t : tables) {
                if (!remaining.containsKey(t)) { // a partitioned root without leaves: nothing to read
                    tablesDone++;
                    handler.onTableDone(t, 0);
                }
            }
            ConcurrentLinkedQueue<SnapshotPlan.Unit> work = new ConcurrentLinkedQueue<>(units);
            int capacity = (int) Math.max(2, Math.min(1 << 16, memoryBudget / BATCH_BYTES));
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
            int n = Math.max(1, Math.min(workers, Math.max(1, units.size())));
            for (int i = 0; i < n; i++) {
                PgConnection conn = i == 0 ? first : null;
                int id = i;
                Thread t = new Thread(() -> work(id, conn, work, queue, catalog), "walstream-snapshot-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            int alive = n;
            long nextLog = System.nanoTime() + progressInterval.toNanos();
            while (alive > 0) {
                Object item = queue.poll(Math.max(1, Math.min(progressInterval.toMillis(), 500)),
                        TimeUnit.MILLISECONDS);
                if (System.nanoTime() >= nextLog) {
                    nextLog = System.nanoTime() + progressInterval.toNanos();
                    log.info("Snapshot {}: {}", snapshotName, progress().describe());
                }
                if (item == null) {
                    continue;
                }
                if (item instanceof Batch b) {
                    List<SnapshotRow> batchRows = b.rows();
                    int handed = 0;
                    try {
                        for (SnapshotRow r : batchRows) {
                            handler.onRow(r);
                            handed++;
                            ROWS.setRelease(this, rows + 1); // only this thread writes: no fence needed
                        }
                    } finally { // the table's count per batch: one map update, not one per row
                        if (handed > 0) {
                            rowsPerTable.merge(batchRows.get(0).table(), (long) handed, Long::sum);
                        }
                    }
                    bytes += b.bytes();
                } else if (item instanceof UnitDone d) {
                    if (remaining.merge(d.table(), -1, Integer::sum) == 0) {
                        tablesDone++;
                        handler.onTableDone(d.table(), rowsPerTable.getOrDefault(d.table(), 0L));
                    }
                } else if (item instanceof WorkerEnd end) {
                    alive--;
                    if (end.failure() != null) {
                        throw end.failure();
                    }
                }
            }
            if (stopped) { // cancelled: the workers ended without a failure, but not every row was read
                throw new SnapshotException("Snapshot " + snapshotName + " was cancelled", null, null);
            }
            finished = true;
            SnapshotProgress p = progress();
            log.info("Snapshot {} done: {}", snapshotName, p.describe());
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while copying snapshot " + snapshotName, null, e);
        } finally {
            stop();
            for (Thread t : threads) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /**
     * The tables' current sizes in pages, read on a separate autocommit connection: {@code pg_relation_size} locks
     * the table, and inside a reader's transaction that lock would be held to the end. {@code relpages} (the
     * catalog's estimate, 0 until the first VACUUM or ANALYZE) is the fallback.
     */
    private Map<Integer, Long> currentSizes(List<SnapshotTable> tables) {
        Map<Integer, Long> sizes = new HashMap<>();
        List<String> oids = new ArrayList<>();
        tables.forEach(t -> t.sources().forEach(s -> oids.add(Integer.toUnsignedString(s.oid()))));
        if (oids.isEmpty()) {
            return sizes;
        }
        try (PgConnection conn = Connector.connect(connection, transportOptions)) {
            var r = conn.query("SELECT c.oid,"
                    + " pg_catalog.pg_relation_size(c.oid) / current_setting('block_size')::bigint FROM pg_catalog.pg_class c WHERE c.oid = ANY('{" + String.join(",", oids) + "}'::oid[])");
            for (int i = 0; i < r.rowCount(); i++) {
                String pages = r.getString(i, 1);
                if (pages != null) {
                    sizes.put((int) Long.parseLong(r.getString(i, 0)), Long.parseLong(pages));
                }
            }
        } catch (WalstreamException e) {
            log.debug("Table sizes unavailable, using relpages: {}", e.toString());
        }
        return sizes;
    }

    private PgConnection openReader() {
        PgConnection conn = Connector.connect(connection, transportOptions);
        open.add(conn);
        if (stopped) {
            conn.close();
            throw new SnapshotException("Snapshot stopped", null, null);
        }
        try {
            conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            conn.query("SET TRANSACTION SNAPSHOT " + Sql.quoteLiteral(snapshotName, conn.standardConformingStrings()));
        } catch (ServerErrorException e) {
            conn.close();
            throw SnapshotException.from(e, null, snapshotName);
        }
        return conn;
    }

    private void work(int id, PgConnection given, ConcurrentLinkedQueue<SnapshotPlan.Unit> work, BlockingQueue<Object> queue,
                      PublicationCatalog.Catalog catalog) {
        RuntimeException failure = null;
        PgConnection conn = given;
        try {
            if (conn == null) {
                conn = openReader();
            }
            SnapshotPlan.Unit u;
            while (!stopped && (u = work.poll()) != null) {
                copy(conn, u, queue, catalog);
                put(queue, new UnitDone(u.table()));
            }
            if (!stopped) {
                conn.query("COMMIT");
            }
        } catch (RuntimeException e) {
            failure = stopped ? null : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (conn != null) {
                conn.close();
            }
            if (failure != null) {
                stopped = true; // others stop at their next unit
            }
            try {
                putFinal(queue, new WorkerEnd(failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.debug("Snapshot worker {} ended{}", id, failure == null ? "" : ": " + failure);
        }
    }

    private void copy(PgConnection conn, SnapshotPlan.Unit u, BlockingQueue<Object> queue, PublicationCatalog.Catalog catalog)
            throws InterruptedException {
        String source = u.source().qualifiedName();
        String sql = SnapshotPlan.copySql(u, binary);
        List<SnapshotRow> batch = new ArrayList<>(BATCH_ROWS);
        long[] batchBytes = {0};
        try {
            conn.query("LOCK TABLE ONLY " + u.source().quoted() + " IN ACCESS SHARE MODE");
            CopyRowDecoder decoder = binary ? new BinaryCopyDecoder(u.table().textInBinary())
                    : new TextCopyDecoder();
            SnapshotTable table = u.table();
            int oid = table.relation().oid();
            try (CopyOut copy = conn.copyOut(sql)) {
                Frame f;
                RowSink sink = new RowSink(table, new RowBinder(catalog.relations()), oid);
                sink.batch = batch;
                while ((f = copy.next()) != null) {
                    decoder.decode(f.payload(), sink); // binds each row straight into the batch
                    batchBytes[0] += f.payloadLength();
                    if (batch.size() >= BATCH_ROWS || batchBytes[0] >= BATCH_BYTES) {
                        rowsRead.addAndGet(batch.size()); // per batch: no shared-counter traffic per row
                        put(queue, new Batch(batch, batchBytes[0]));
                        batch = new ArrayList<>(BATCH_ROWS);
                        sink.batch = batch;
                        batchBytes[0] = 0;
                    }
                    if (stopped) {
                        throw new SnapshotException("Snapshot stopped", source, null);
                    }
                }
                decoder.finish();
            }
        } catch (ServerErrorException e) {
            throw SnapshotException.from(e, source, snapshotName);
        } catch (WalstreamException e) {
            if (e instanceof SnapshotException) {
                throw e;
            }
            throw new SnapshotException("Snapshot read of " + source + " failed: " + e.getMessage(), source, e);
        }
        if (!batch.isEmpty()) {
            rowsRead.addAndGet(batch.size());
            put(queue, new Batch(batch, batchBytes[0]));
        }
    }

    /** Binds each decoded tuple to its table's relation and appends it to the current batch. */
    private static final class RowSink implements Consumer<TupleData> {
        private final SnapshotTable table;
        private final RowBinder binder;
        private final int oid;
        private List<SnapshotRow> batch;

        RowSink(SnapshotTable table, RowBinder binder, int oid) {
            this.table = table;
            this.binder = binder;
            this.oid = oid;
        }

        @Override
        public void accept(TupleData tuple) {
            batch.add(new SnapshotRow(table, binder.row(oid, tuple)));
        }
    }

    private void put(BlockingQueue<Object> queue, Object item) throws InterruptedException {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                throw new SnapshotException("Snapshot stopped", null, null);
            }
        }
    }

    /** Puts even when stopped, unless the consumer has gone (then nobody needs it). */
    private void putFinal(BlockingQueue<Object> queue, Object item) throws InterruptedException {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                queue.clear();
            }
        }
    }

    private void stop() {
        stopped = true;
        for (PgConnection c : open) {
            c.close();
        }
    }

    /**
     * Stops the readers: {@link #run} then fails with {@link SnapshotException} soon. Callable from any thread.
     */
    public void cancel() {
        stop();
    }

    /** @return the progress so far */
    public SnapshotProgress progress() {
        long start = startNanos;
        return new SnapshotProgress(tablesDone, tablesTotal, rows, rowsRead.get(), bytes, estimatedBytes,
                start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start), finished, restarted);
    }

    @Override
    public String toString() {
        return "TableSnapshot[" + publications + ", snapshot=" + snapshotName + ", workers=" + workers
                + (binary ? ", binary" : "") + "]";
    }

    /**
     * Configures a {@link TableSnapshot}.
     *
     * <p><b>Thread safety:</b> not thread-safe.
     */
    public static final class Builder {
        private final ConnectionConfig connection;
        private TransportOptions transportOptions = TransportOptions.defaults();
        private List<String> publications = List.of();
        private String snapshotName;
        private int workers = 1;
        private boolean binary;
        private long pagesPerChunk = 4096;
        private long memoryBudget = 32L * 1024 * 1024;
        private Duration progressInterval = Duration.ofSeconds(10);
        private Lsn consistentPoint;
        private boolean restarted;

        private Builder(ConnectionConfig connection) {
            this.connection = connection;
        }

        /** @param options transport options for the reader connections @return this */
        public Builder transportOptions(TransportOptions options) {
            this.transportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** @param names the publications whose tables to copy @return this */
        public Builder publications(String... names) {
            return publications(List.of(names));
        }

        /** @param names the publications whose tables to copy @return this */
        public Builder publications(List<String> names) {
            this.publications = List.copyOf(names);
            return this;
        }

        /** @param name the exported snapshot, e.g. {@code LogicalReplicationStream.exportedSnapshot()} @return this */
        public Builder snapshotName(String name) {
            this.snapshotName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param n reader connections, 1 to 64 (default 1) @return this */
        public Builder workers(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("workers must be 1..64, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** @param value binary COPY (match a stream with {@code binary true}); default text @return this */
        public Builder binary(boolean value) {
            this.binary = value;
            return this;
        }

        /**
         * @param pages the ctid range size in pages for splitting large tables when {@code workers > 1}
         *        (default 4096 pages, 32 MiB); a table up to 1.5 times this is read whole
         * @return this
         */
        public Builder pagesPerChunk(long pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("pagesPerChunk must be positive, got " + pages);
            }
            this.pagesPerChunk = pages;
            return this;
        }

        /**
         * @param bytes about how much row data may wait for the handler (default 32 MiB; at least two batches
         *        of 256 KiB are always allowed)
         * @return this
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memoryBudget must be positive, got " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** @param interval how often progress is logged (default 10 s) @return this */
        public Builder progressInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("progressInterval must be positive");
            }
            this.progressInterval = interval;
            return this;
        }

        /** @param lsn the slot's consistent point, reported in {@link SnapshotStart} @return this */
        public Builder consistentPoint(Lsn lsn) {
            this.consistentPoint = lsn;
            return this;
        }

        Builder restarted(boolean value) {
            this.restarted = value;
            return this;
        }

        /** @return the snapshot */
        public TableSnapshot build() {
            if (snapshotName == null) {
                throw new IllegalStateException("snapshotName is required");
            }
            if (publications.isEmpty()) {
                throw new IllegalStateException("At least one publication is required");
            }
            return new TableSnapshot(this);
        }
    }
}
