package io.walstream.snapshot;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ServerErrorException;
import io.walstream.conn.Connector;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.ReplicationMode;
import io.walstream.conn.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Existing rows first, then the change stream, with no gap and no duplicate: creates the slot with an exported
 * snapshot, copies every table of the stream's publications as of that snapshot with a {@link TableSnapshot}
 * while the replication session stays idle, and returns the stream, not yet started, so that it continues at the
 * slot's consistent point — exactly after the snapshot.
 *
 * <pre>{@code
 * ReplicationConfig config = ReplicationConfig.builder("postgresql://cdc@db/app").slot("cdc")
 *         .publications("app_pub").createSlot(ReplicationConfig.SlotCreation.IF_MISSING).build();
 * InitialSnapshot initial = InitialSnapshot.builder(config)
 *         .checkpoints(SnapshotCheckpointStore.inDirectory(stateDir)).workers(2).build();
 * try (LogicalReplicationStream stream = initial.run(handler)) {     // rows as of the snapshot
 *     stream.forEach(event -> apply(event));                          // then every change after it
 * }
 * }</pre>
 *
 * <p><b>Restart after a failure: the snapshot restarts cleanly.</b> Before the slot is created, a checkpoint
 * saying "started" is saved; after the last row was handed to the handler, one saying "complete". When
 * {@link #run} finds the slot together with a "started" checkpoint (the process died or the snapshot failed
 * mid-way), it drops the slot ({@code DROP_REPLICATION_SLOT ... WAIT}), creates it again and copies everything
 * again, with {@link SnapshotStart#restarted()} set so the handler discards what it applied before. Completed
 * tables are not skipped: the exported snapshot dies with its session, and rows read under a later snapshot would
 * overlap with the changes the slot replays. With a "complete" checkpoint the stream is returned at once; a slot
 * that exists without any checkpoint was created by someone else and is streamed as it is, without a snapshot.
 * The stream-level snapshot ({@link SnapshotMode#INITIAL}) can instead resume: see {@link Builder#resumable}.
 *
 * <p>The snapshot's format follows the stream's: binary COPY for {@code binary(true)}, else text. Readers connect
 * with the stream's connection settings as ordinary (non-replication) connections; their role needs
 * {@code SELECT} on every published table.
 *
 * <p><b>Thread safety:</b> {@link #run} is called from one thread; the handler runs on that thread.
 */
public final class InitialSnapshot {

    private static final Logger log = LoggerFactory.getLogger(InitialSnapshot.class);

    private final ReplicationConfig config;
    private final SnapshotCheckpointStore checkpoints;
    private final int workers;
    private final long pagesPerChunk;
    private final long memoryBudget;
    private final Duration progressInterval;
    private final boolean resumable;
    private volatile TableSnapshot current;
    private volatile SnapshotProgress last;

    private InitialSnapshot(Builder b) {
        this.config = b.config;
        this.checkpoints = b.checkpoints;
        this.workers = b.workers;
        this.pagesPerChunk = b.pagesPerChunk;
        this.memoryBudget = b.memoryBudget;
        this.progressInterval = b.progressInterval;
        this.resumable = b.resumable;
    }

    /**
     * @param config the stream's configuration; its slot creation must be {@code IF_MISSING} or {@code TEMPORARY}
     * @return a builder
     */
    public static Builder builder(ReplicationConfig config) {
        return new Builder(config);
    }

    /**
     * Runs the initial snapshot if the slot needs one and returns the stream, opened but not started.
     *
     * @param handler receives the snapshot's rows on this thread
     * @return the stream, to be consumed from the slot's consistent point
     * @throws SnapshotException if the snapshot failed (the slot is kept; the next run restarts the snapshot)
     */
    public LogicalReplicationStream run(SnapshotHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (config.snapshotOptions().mode() != SnapshotMode.NONE) {
            throw new IllegalStateException("The configuration already asks the stream for an initial snapshot"
                    + " (snapshot(INITIAL)): open the stream with it directly instead of using InitialSnapshot");
        }
        if (resumable) {
            throw new IllegalStateException("run() restarts an unfinished snapshot cleanly; resumable(true) is for"
                    + " the stream-level snapshot (snapshot(INITIAL))");
        }
        Preparation prep = prepare();
        LogicalReplicationStream stream = LogicalReplicationStream.open(config);
        if (!prep.snapshot()) {
            return stream;
        }
        try {
            copy(stream.createdSlot(), prep.restarted(), new SnapshotHandler() {
                @Override
                public void onRow(SnapshotRow row) {
                    handler.onRow(row);
                }

                @Override
                public void onStart(SnapshotStart start) {
                    handler.onStart(start);
                }

                @Override
                public void onTableDone(SnapshotTable table, long rows) {
                    handler.onTableDone(table, rows);
                    tableDelivered(table.qualifiedName());
                }
            });
            return stream;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * What {@link #prepare()} found.
     *
     * <p><b>Thread safety:</b> immutable.
     *
     * @param snapshot whether the slot the stream is about to create needs the snapshot copied
     * @param restarted whether this replaces an unfinished earlier snapshot
     * @param resumeTables when an unfinished snapshot is resumed rather than restarted (see
     *        {@link Builder#resumable}): the published tables the consumer has not received completely, to be
     *        re-read by an {@link IncrementalSnapshot} while the kept slot streams from its consistent point;
     *        else empty
     */
    public record Preparation(boolean snapshot, boolean restarted, List<String> resumeTables) {

        public Preparation {
            resumeTables = List.copyOf(resumeTables);
        }

        Preparation(boolean snapshot, boolean restarted) {
            this(snapshot, restarted, List.of());
        }
    }

    /**
     * The first half of {@link #run}, before the stream connects: decides from the checkpoint and the slot whether
     * a snapshot is needed, drops the slot of an unfinished one, and records that a snapshot starts. Used by
     * {@link LogicalReplicationStream} for {@link SnapshotMode#INITIAL}; call {@link #run} instead.
     *
     * @return whether to copy once the stream created its slot
     */
    public Preparation prepare() {
        String slot = config.start().slotName();
        Optional<SnapshotCheckpoint> checkpoint = checkpoints.load(slot);
        boolean exists = slotExists(slot);
        if (exists && checkpoint.isPresent() && checkpoint.get().complete()) {
            log.info("Initial snapshot of slot {} completed before (consistent point {}); streaming", slot,
                    checkpoint.get().consistentPoint());
            return new Preparation(false, false);
        }
        if (exists && checkpoint.isEmpty()) {
            log.info("Slot {} exists and no initial snapshot was recorded for it; streaming without a snapshot", slot);
            return new Preparation(false, false);
        }
        boolean restarted = checkpoint.isPresent();
        if (exists && resumable) {
            Optional<List<String>> remaining = resumeTables(checkpoint.get());
            if (remaining.isPresent()) {
                log.warn("The initial snapshot of slot {} did not finish; keeping the slot (consistent point {}),"
                        + " skipping the {} table(s) delivered completely, re-reading {} while streaming", slot,
                        checkpoint.get().consistentPoint(), checkpoint.get().tablesDone().size(), remaining.get());
                return new Preparation(false, true, remaining.get());
            }
        }
        if (exists) {
            log.warn("The initial snapshot of slot {} did not finish; dropping and recreating the slot to copy"
                    + " again from a new snapshot", slot);
            dropSlot(slot);
        } else if (restarted) {
            log.warn("Slot {} is gone although a snapshot was recorded for it; copying again", slot);
        }
        checkpoints.save(new SnapshotCheckpoint(slot, null, false));
        return new Preparation(true, restarted);
    }

    /**
     * The second half of {@link #run}: copies every published table as of the slot's exported snapshot and
     * records the snapshot complete. The stream that created the slot must stay idle (not started) until this
     * returns. Used by {@link LogicalReplicationStream} for {@link SnapshotMode#INITIAL}; call {@link #run}
     * instead.
     *
     * @param created the slot the stream created, with its exported snapshot
     * @param restarted from {@link #prepare()}
     * @param handler receives the rows on this thread
     * @return the final progress
     * @throws SnapshotException if the snapshot failed (the slot is kept; the next run restarts the snapshot)
     */
    public SnapshotProgress copy(CreatedSlot created, boolean restarted, SnapshotHandler handler) {
        String slot = config.start().slotName();
        if (created == null || created.snapshotName() == null) {
            throw new SnapshotException("Slot " + slot + " was not created by this run (created concurrently"
                    + " by another process?), so there is no exported snapshot to copy", null, null);
        }
        checkpoints.save(new SnapshotCheckpoint(slot, created.consistentPoint(), false));
        TableSnapshot snapshot = TableSnapshot.builder(config.connection())
                .transportOptions(config.transportOptions())
                .publications(config.start().publications())
                .snapshotName(created.snapshotName())
                .consistentPoint(created.consistentPoint())
                .binary(config.start().binary())
                .workers(workers).pagesPerChunk(pagesPerChunk).memoryBudget(memoryBudget)
                .progressInterval(progressInterval).restarted(restarted).build();
        current = snapshot;
        try {
            SnapshotProgress done = snapshot.run(handler);
            markComplete();
            log.info("Initial snapshot of slot {} complete; the stream continues at {}", slot,
                    created.consistentPoint());
            return done;
        } finally {
            last = snapshot.progress();
            current = null;
        }
    }

    /**
     * Whether the unfinished snapshot can be resumed: the slot was created by it and never confirmed past its
     * consistent point (nothing after the snapshot was acknowledged), and every table not yet delivered has a
     * primary key (the incremental snapshot reads in key order).
     *
     * @return the tables to re-read, or empty when the snapshot must restart cleanly
     */
    private Optional<List<String>> resumeTables(SnapshotCheckpoint checkpoint) {
        if (checkpoint.consistentPoint() == null) {
            return Optional.empty(); // died before the slot was created by this snapshot
        }
        try (PgConnection conn = Connector.connect(config.connection().withReplication(ReplicationMode.NONE),
                config.transportOptions())) {
            boolean scs = conn.standardConformingStrings();
            String flushed = conn.query("SELECT confirmed_flush_lsn FROM pg_catalog.pg_replication_slots"
                    + " WHERE slot_name = " + Sql.quoteLiteral(config.start().slotName(), scs)).getString(0, 0);
            if (flushed == null || !io.walstream.Lsn.parse(flushed).equals(checkpoint.consistentPoint())) {
                log.info("Slot {} is at {}, not at the snapshot's consistent point {}: restarting cleanly",
                        config.start().slotName(), flushed, checkpoint.consistentPoint());
                return Optional.empty();
            }
            List<String> remaining = new java.util.ArrayList<>();
            for (SnapshotTable t : PublicationCatalog.load(conn, config.start().publications()).tables()) {
                if (checkpoint.tablesDone().contains(t.qualifiedName())) {
                    continue;
                }
                boolean pk = conn.query("SELECT 1 FROM pg_catalog.pg_index WHERE indisprimary AND indrelid = "
                        + Integer.toUnsignedString(t.relation().oid())).rowCount() > 0;
                if (!pk) {
                    log.info("Table {} has no primary key, so it cannot be re-read incrementally: restarting the"
                            + " snapshot of slot {} cleanly", t.qualifiedName(), config.start().slotName());
                    return Optional.empty();
                }
                remaining.add(t.qualifiedName());
            }
            return Optional.of(remaining);
        }
    }

    /**
     * Records that the consumer received every row of a table, so that a resumable restart skips it. {@link #run}
     * calls it after the handler's {@code onTableDone}; the stream calls it when its consumer asks for the next
     * event after the table's last row.
     *
     * @param table the table's {@code schema.name}
     */
    public synchronized void tableDelivered(String table) {
        String slot = config.start().slotName();
        SnapshotCheckpoint c = checkpoints.load(slot).orElse(new SnapshotCheckpoint(slot, null, false));
        checkpoints.save(c.withTableDone(table));
    }

    /** Records the snapshot complete (after a resumed snapshot's last table was re-read and delivered). */
    public synchronized void markComplete() {
        String slot = config.start().slotName();
        SnapshotCheckpoint c = checkpoints.load(slot).orElse(new SnapshotCheckpoint(slot, null, false));
        checkpoints.save(c.completed());
        log.info("Initial snapshot of slot {} complete", slot);
    }

    /** Cancels a running snapshot: {@link #run} then fails soon. Callable from any thread. */
    public void cancel() {
        TableSnapshot s = current;
        if (s != null) {
            s.cancel();
        }
    }

    /** @return the running snapshot's progress, else the last one's final progress, or empty when none ran */
    public Optional<SnapshotProgress> progress() {
        TableSnapshot s = current;
        return s != null ? Optional.of(s.progress()) : Optional.ofNullable(last);
    }

    private boolean slotExists(String slot) {
        try (PgConnection conn = Connector.connect(config.connection().withReplication(ReplicationMode.NONE),
                config.transportOptions())) {
            return conn.query("SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = "
                    + Sql.quoteLiteral(slot, conn.standardConformingStrings())).rowCount() > 0;
        }
    }

    private void dropSlot(String slot) {
        try (PgConnection conn = Connector.connect(config.connection(), config.transportOptions())) {
            new ReplicationCommands(conn).dropReplicationSlot(slot, true);
        } catch (ServerErrorException e) {
            if (!"42704".equals(e.sqlState())) {
                throw e;
            }
        }
    }

    /**
     * Configures an {@link InitialSnapshot}.
     *
     * <p><b>Thread safety:</b> not thread-safe.
     */
    public static final class Builder {
        private final ReplicationConfig config;
        private SnapshotCheckpointStore checkpoints;
        private int workers = 1;
        private long pagesPerChunk = 4096;
        private long memoryBudget = 32L * 1024 * 1024;
        private Duration progressInterval = Duration.ofSeconds(10);
        private boolean resumable;

        private Builder(ReplicationConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            if (config.slotCreation() == ReplicationConfig.SlotCreation.NEVER) {
                throw new IllegalArgumentException("An initial snapshot needs a slot it creates itself: configure"
                        + " createSlot(IF_MISSING) or createSlot(TEMPORARY)");
            }
        }

        /** @param store where to record started and completed snapshots (required) @return this */
        public Builder checkpoints(SnapshotCheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param n reader connections (default 1); see {@link TableSnapshot.Builder#workers} @return this */
        public Builder workers(int n) {
            TableSnapshot.builder(config.connection()).workers(n); // validates
            this.workers = n;
            return this;
        }

        /** @param pages ctid range size; see {@link TableSnapshot.Builder#pagesPerChunk} @return this */
        public Builder pagesPerChunk(long pages) {
            TableSnapshot.builder(config.connection()).pagesPerChunk(pages);
            this.pagesPerChunk = pages;
            return this;
        }

        /** @param bytes queue budget; see {@link TableSnapshot.Builder#memoryBudget} @return this */
        public Builder memoryBudget(long bytes) {
            TableSnapshot.builder(config.connection()).memoryBudget(bytes);
            this.memoryBudget = bytes;
            return this;
        }

        /** @param interval progress log cadence (default 10 s) @return this */
        public Builder progressInterval(Duration interval) {
            TableSnapshot.builder(config.connection()).progressInterval(interval);
            this.progressInterval = interval;
            return this;
        }

        /**
         * Whether {@link #prepare()} may resume an unfinished snapshot instead of restarting it: keep the slot,
         * skip the tables the checkpoint records as delivered, and report the others in
         * {@link Preparation#resumeTables()} for an incremental re-read. Only the stream-level snapshot
         * ({@link SnapshotMode#INITIAL} with a user-supplied store and {@code messages(true)}) can carry that out;
         * {@link #run} ignores it and restarts cleanly.
         *
         * @param value whether to resume (default false)
         * @return this
         */
        public Builder resumable(boolean value) {
            this.resumable = value;
            return this;
        }

        /** @return the initial snapshot */
        public InitialSnapshot build() {
            if (checkpoints == null) {
                throw new IllegalStateException("A SnapshotCheckpointStore is required (checkpoints(...)); it is how"
                        + " a restart tells an unfinished snapshot from a finished one");
            }
            return new InitialSnapshot(this);
        }
    }
}
