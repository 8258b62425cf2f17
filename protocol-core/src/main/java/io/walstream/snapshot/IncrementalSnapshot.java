package io.walstream.snapshot;

import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.ServerErrorException;
import io.walstream.conn.Connector;
import io.walstream.conn.CopyOut;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationMode;
import io.walstream.conn.ResultSet;
import io.walstream.conn.Sql;
import io.walstream.codec.Frame;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.ColumnKind;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.RowBinder;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.Update;
import io.walstream.replication.StreamingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads published tables in primary-key chunks while the stream keeps running, interleaving chunk rows with
 * live changes by the watermark algorithm of Netflix's DBLog (as Debezium's incremental snapshots do).
 *
 * <pre>
 * per chunk:  emit low watermark  (pg_logical_emit_message(false, 'walstream.snapshot', 'lw N'))
 *             SELECT the next chunk: key &gt; last key ORDER BY key LIMIT size      -> buffer, by key
 *             emit high watermark ('hw N')
 * in the stream, between lw N and hw N: every change to a buffered key removes it from the buffer
 *             (the change is as new as the chunk row or newer)
 * at hw N:    the rows left in the buffer go to the handler, then the stream goes on
 * </pre>
 *
 * <p>In PostgreSQL the order of commit records in WAL (the stream's order) and the order in which commits become
 * visible to new snapshots differ: a transaction whose commit record precedes the low watermark may still be
 * invisible to the chunk's snapshot (it waits for its WAL flush or a synchronous standby). So eviction is decided
 * by visibility, not by position: from the moment the chunk is read until the high watermark, a change of a
 * transaction that the chunk's snapshot ({@code pg_current_snapshot()}) does not see evicts its key; changes of
 * transactions it sees are already in the chunk row. Every transaction the snapshot sees precedes the high
 * watermark in the stream, and one the consumer already received before the chunk was read is waited for until
 * it is visible. A chunk row therefore never reaches the handler after a change it predates.
 *
 * <p>Chunks are read with the same COPY and value decoders as {@link TableSnapshot}, in the
 * stream's format, honouring the publication's column list and row filter.
 *
 * <p>An UPDATE that leaves a TOASTed column unchanged carries no value for it (the unchanged-TOAST marker). When
 * it evicts a chunk row, the event is passed on with those columns filled from the chunk row (which does not see
 * the update, so it holds the values the update kept): the consumer ends with the real value even when the chunk
 * row is how it learns the row. A partitioned table published without {@code publish_via_partition_root} is
 * requested by its root name and re-read leaf by leaf (each reported under its own name, as the stream reports
 * it); published via the root, it is read through the root.
 * {@link io.walstream.LogicalReplicationStream#requestSnapshot} drives this class inside the stream's delivery.
 *
 * <pre>{@code
 * IncrementalSnapshot inc = IncrementalSnapshot.open(config);    // config.messages(true), streaming off
 * inc.request("public.orders", 1000);
 * while (running) {
 *     inc.process(stream.next(Duration.ofSeconds(1)), handler); // null on timeout: chunks still advance
 * }
 * }</pre>
 *
 * <p>Requirements: the stream has {@code messages(true)} (watermarks are logical messages) and streaming of
 * in-progress transactions off (a change of a transaction that later aborts would otherwise evict a chunk row).
 * The table needs a primary key among its published columns; a table without one is refused. The reader role
 * needs {@code SELECT} on the table and permission to call {@code pg_logical_emit_message} (superuser or
 * {@code REPLICATION}). There is no read-only variant (the watermarks are written to WAL).
 *
 * <p><b>Thread safety:</b> not thread-safe: call {@link #request}, {@link #process} and {@link #close} from the
 * thread that consumes the stream.
 */
public final class IncrementalSnapshot implements AutoCloseable {

    /** The logical message prefix of the watermarks. */
    public static final String WATERMARK_PREFIX = "walstream.snapshot";

    private static final Logger log = LoggerFactory.getLogger(IncrementalSnapshot.class);

    private record Request(SnapshotTable table, List<Integer> keyColumns, List<String> keyNames, int chunkSize) {
    }

    private final ReplicationConfig config;
    private final PgConnection conn;
    private final boolean binary;
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private PublicationCatalog.Catalog catalog;

    private Request current;
    private List<String> lastKey;
    private long chunkId;
    private boolean inWindow;
    private boolean chunkOpen;
    private boolean lastChunkFull;
    private long tableRows;
    private LinkedHashMap<String, SnapshotRow> buffer = new LinkedHashMap<>();
    private long chunksDone;
    private int currentXid;
    private int lastTracked;
    private final long[] recentXids = new long[256];
    private int recentCount;
    private int recentNext;
    private SnapshotXids visibility;
    /** Per requested table, in request order: its progress (the live counters of the current one are above). */
    private final LinkedHashMap<Request, IncrementalProgress> progress = new LinkedHashMap<>();
    private long tableStarted;
    private final long progressNanos;
    private long nextProgressLog;

    private IncrementalSnapshot(ReplicationConfig config, PgConnection conn) {
        this.config = config;
        this.conn = conn;
        this.binary = config.start().binary();
        this.progressNanos = config.snapshotOptions().progressInterval().toNanos();
    }

    /**
     * @param config the stream's configuration; it must have {@code messages(true)} and streaming off
     * @return an incremental snapshot with its own ordinary connection
     * @throws IllegalArgumentException if the configuration cannot carry watermarks
     */
    public static IncrementalSnapshot open(ReplicationConfig config) {
        if (!config.start().messages()) {
            throw new IllegalArgumentException("An incremental snapshot needs messages(true) on the stream: its"
                    + " watermarks are logical decoding messages");
        }
        if (config.start().streaming() != StreamingMode.OFF) {
            throw new IllegalArgumentException("An incremental snapshot needs streaming(OFF): changes of in-progress"
                    + " transactions that later abort would evict chunk rows");
        }
        PgConnection conn = Connector.connect(config.connection().withReplication(ReplicationMode.NONE),
                config.transportOptions());
        return new IncrementalSnapshot(config, conn);
    }

    /**
     * Queues a re-read of a published table.
     *
     * @param qualifiedTable {@code schema.name} as the stream reports it
     * @param chunkSize rows per chunk, at least 1
     * @throws IllegalArgumentException if the table is not published, has no primary key, or its primary key is
     *         not among the published columns
     */
    public void request(String qualifiedTable, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        catalog = PublicationCatalog.load(conn, config.start().publications());
        SnapshotTable table = catalog.tables().stream().filter(t -> t.qualifiedName().equals(qualifiedTable))
                .findFirst().orElse(null);
        if (table != null) {
            request(table, chunkSize);
            return;
        }
        List<SnapshotTable> leaves = publishedLeaves(qualifiedTable);
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("Table " + qualifiedTable + " is not published by "
                    + config.start().publications() + (isPartition(qualifiedTable) ? " (it is a partition of a table"
                    + " published via its root with publish_via_partition_root: request the root)" : ""));
        }
        log.info("{} is partitioned and its partitions are published as themselves (publish_via_partition_root"
                + " off): re-reading its {} published leaves, each reported under its own name", qualifiedTable,
                leaves.size());
        for (SnapshotTable leaf : leaves) {
            request(leaf, chunkSize);
        }
    }

    /** The published leaf partitions of a partitioned table published without publish_via_partition_root. */
    private List<SnapshotTable> publishedLeaves(String qualifiedTable) {
        String regclass = regclass(qualifiedTable);
        if (regclass == null) {
            return List.of();
        }
        ResultSet r;
        try {
            r = conn.query("SELECT relid::oid FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass("
                    + Sql.quoteLiteral(regclass, conn.standardConformingStrings()) + ")) WHERE isleaf");
        } catch (ServerErrorException e) {
            return List.of();
        }
        List<SnapshotTable> out = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            int oid = (int) Long.parseLong(r.getString(i, 0));
            catalog.tables().stream().filter(t -> t.relation().oid() == oid).findFirst().ifPresent(out::add);
        }
        return out;
    }

    private boolean isPartition(String qualifiedTable) {
        String regclass = regclass(qualifiedTable);
        if (regclass == null) {
            return false;
        }
        try {
            ResultSet r = conn.query("SELECT relispartition FROM pg_catalog.pg_class WHERE oid = "
                    + "pg_catalog.to_regclass(" + Sql.quoteLiteral(regclass, conn.standardConformingStrings()) + ")");
            return r.rowCount() > 0 && "t".equals(r.getString(0, 0));
        } catch (ServerErrorException e) {
            return false;
        }
    }

    private static String regclass(String qualifiedTable) {
        int dot = qualifiedTable.indexOf('.');
        return dot < 0 ? null : Sql.quoteIdentifier(qualifiedTable.substring(0, dot)) + "."
                + Sql.quoteIdentifier(qualifiedTable.substring(dot + 1));
    }

    private void request(SnapshotTable table, int chunkSize) {
        String qualifiedTable = table.qualifiedName();
        ResultSet pk = conn.query("SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = "
                + Integer.toUnsignedString(table.relation().oid()) + " ORDER BY array_position(i.indkey, a.attnum)");
        if (pk.rowCount() == 0) {
            throw new IllegalArgumentException("Table " + qualifiedTable + " has no primary key; an incremental"
                    + " snapshot reads in primary-key chunks and cannot re-read it");
        }
        List<Integer> keyColumns = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < pk.rowCount(); i++) {
            String name = pk.getString(i, 0);
            int index = table.relation().indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("Primary key column " + name + " of " + qualifiedTable
                        + " is not published (column list), so chunk rows could not be matched to changes");
            }
            keyColumns.add(index);
            keyNames.add(name);
        }
        Request r = new Request(table, keyColumns, keyNames, chunkSize);
        pending.add(r);
        progress.put(r, new IncrementalProgress(table.qualifiedName(), chunkSize, 0, 0,
                IncrementalProgress.State.WAITING, java.time.Duration.ZERO));
    }

    /** @return whether no chunk is open and no table waits */
    public boolean isIdle() {
        return current == null && pending.isEmpty();
    }

    /** @return chunks completed so far */
    public long chunksDone() {
        return chunksDone;
    }

    /**
     * The progress of every table requested so far, in request order: done, running (with the current chunk
     * counts) or waiting. Not thread-safe, like the rest of this class: a caller on another thread synchronizes.
     *
     * @return one entry per requested table (a partitioned table published leaf by leaf: one per leaf)
     */
    public List<IncrementalProgress> progress() {
        List<IncrementalProgress> out = new ArrayList<>(progress.size());
        for (Map.Entry<Request, IncrementalProgress> e : progress.entrySet()) {
            out.add(e.getKey() == current ? running() : e.getValue());
        }
        return out;
    }

    private IncrementalProgress running() {
        IncrementalProgress p = progress.get(current);
        return new IncrementalProgress(p.table(), p.chunkSize(), p.chunksDone(), tableRows,
                IncrementalProgress.State.RUNNING, java.time.Duration.ofNanos(System.nanoTime() - tableStarted));
    }

    /** Logs the running table's progress once per progress interval of the stream's snapshot options. */
    private void logProgress() {
        long now = System.nanoTime();
        if (current != null && now - nextProgressLog >= 0) {
            nextProgressLog = now + progressNanos;
            log.info("Incremental snapshot: {}", running().describe());
        }
    }

    /**
     * Passes one stream event through (or {@code null} after a timeout), handing the handler the event and, at a
     * high watermark, the chunk rows; then starts the next chunk if none is open.
     *
     * @param event the next event from the stream, in order, or {@code null}
     * @param handler receives events and chunk rows
     */
    public void process(ReplicationEvent event, IncrementalHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (event != null) {
            if (event.message() instanceof LogicalMessage m && WATERMARK_PREFIX.equals(m.prefix())) {
                watermark(new String(m.content(), StandardCharsets.UTF_8), handler);
                return;
            }
            if (event.message() instanceof Begin b) {
                currentXid = b.xid();
            }
            // the event's own xid when it carries one (changesOnly() filters Begin out); else the last Begin's
            int xid = event.xid().isPresent() ? (int) event.xid().getAsLong() : currentXid;
            if (chunkOpen && !visibility.isVisible(xid)) {
                event = evict(event);
            }
            if (event.message() instanceof Commit || (event.isRowChange() && xid != lastTracked)) {
                track(xid);
            }
            handler.onEvent(event);
        }
        if (!chunkOpen) {
            nextChunk(handler);
        }
        logProgress();
    }

    private void watermark(String content, IncrementalHandler handler) {
        String expectLow = "lw " + chunkId;
        String expectHigh = "hw " + chunkId;
        if (chunkOpen && content.equals(expectLow)) {
            inWindow = true;
        } else if (chunkOpen && inWindow && content.equals(expectHigh)) {
            inWindow = false;
            chunkOpen = false;
            for (SnapshotRow r : buffer.values()) {
                handler.onRow(r);
                tableRows++;
            }
            buffer = new LinkedHashMap<>();
            chunksDone++;
            IncrementalProgress p = progress.get(current);
            progress.put(current, new IncrementalProgress(p.table(), p.chunkSize(), p.chunksDone() + 1, tableRows,
                    lastChunkFull ? IncrementalProgress.State.RUNNING : IncrementalProgress.State.DONE,
                    java.time.Duration.ofNanos(System.nanoTime() - tableStarted)));
            if (!lastChunkFull) {
                handler.onTableDone(current.table(), tableRows);
                log.info("Incremental snapshot done: {}", progress.get(current).describe());
                current = null;
            }
            nextChunk(handler);
        } else {
            log.debug("Ignoring watermark '{}' (expecting chunk {})", content, chunkId);
        }
    }

    private void track(int xid) {
        lastTracked = xid;
        recentXids[recentNext] = Integer.toUnsignedLong(xid);
        recentNext = (recentNext + 1) % recentXids.length;
        recentCount = Math.min(recentCount + 1, recentXids.length);
    }

    /**
     * Removes the chunk rows a change is newer than. An UPDATE that left TOASTed columns unchanged does not carry
     * their values (pgoutput sends the unchanged-TOAST marker): when it evicts a chunk row, the values come from
     * that row (the chunk does not see the update, so its values are the ones the update kept) and the event is
     * returned with them filled in. Otherwise a consumer that learns the row from this snapshot would never get
     * those values: the chunk row is dropped, and the update only says "unchanged".
     */
    private ReplicationEvent evict(ReplicationEvent event) {
        int oid = current.table().relation().oid();
        if (event.message() instanceof Insert) {
            evict(event.newRow(), oid);
        } else if (event.message() instanceof Update u) {
            Row newRow = event.newRow();
            Row oldRow = event.oldRow();
            SnapshotRow before = oldRow != null ? evict(oldRow, oid) : null;
            SnapshotRow same = evict(newRow, oid);
            SnapshotRow source = oldRow != null ? before : same;
            if (source != null && newRow.relation().oid() == oid) {
                return fillUnchangedToast(event, u, source.row());
            }
        } else if (event.message() instanceof Delete) {
            evict(event.oldRow(), oid);
        }
        return event;
    }

    private SnapshotRow evict(Row r, int oid) {
        return r != null && r.relation().oid() == oid ? buffer.remove(key(r)) : null;
    }

    private ReplicationEvent fillUnchangedToast(ReplicationEvent event, Update u, Row chunkRow) {
        TupleData tuple = u.newTuple();
        int n = tuple.size();
        boolean any = false;
        for (int i = 0; i < n && !any; i++) {
            any = tuple.isUnchangedToast(i);
        }
        if (!any) {
            return event;
        }
        if (chunkRow.size() != n || !chunkRow.relation().columnNames().equals(event.newRow().relation().columnNames())) {
            log.warn("Cannot fill unchanged TOAST values of {}: the table's columns changed since the chunk was read",
                    current.table().qualifiedName());
            return event;
        }
        TupleData.Builder b = TupleData.builder();
        TupleData from = chunkRow.tuple();
        for (int i = 0; i < n; i++) {
            boolean fill = tuple.isUnchangedToast(i);
            ColumnKind kind = fill ? from.kind(i) : tuple.kind(i);
            b.add(kind, kind.hasData() ? (fill ? from.bytes(i) : tuple.bytes(i)) : null);
        }
        TupleData filled = b.build();
        Update message = new Update(u.streamXid(), u.relationOid(), u.oldKind(), u.oldTuple(), filled);
        Row newRow = new RowBinder(catalog.relations()).row(u.relationOid(), filled);
        return new ReplicationEvent(message, event.walStart(), event.walEnd(), event.serverTimeMicros(), newRow,
                event.oldRow(), event.transaction(), event.relations());
    }

    private String key(Row r) {
        StringBuilder sb = new StringBuilder();
        for (String name : current.keyNames()) {
            var v = r.get(name);
            sb.append(v.kind().code()).append(HexFormat.of().formatHex(v.rawBytes())).append('/');
        }
        return sb.toString();
    }

    private void nextChunk(IncrementalHandler handler) {
        if (current == null) {
            current = pending.poll();
            if (current == null) {
                return;
            }
            lastKey = null;
            tableRows = 0;
            tableStarted = System.nanoTime();
            nextProgressLog = tableStarted + progressNanos;
        }
        chunkId++;
        try {
            emit("lw " + chunkId);
            readChunk();
            emit("hw " + chunkId);
        } catch (ServerErrorException e) {
            throw SnapshotException.from(e, current.table().qualifiedName(), "(incremental)");
        }
        chunkOpen = true;
    }

    private void emit(String content) {
        conn.query("SELECT pg_catalog.pg_logical_emit_message(false, "
                + Sql.quoteLiteral(WATERMARK_PREFIX, conn.standardConformingStrings()) + ", "
                + Sql.quoteLiteral(content, conn.standardConformingStrings()) + ")");
    }

    private void readChunk() {
        SnapshotTable t = current.table();
        List<String> cols = t.relation().columnNames();
        boolean scs = conn.standardConformingStrings();
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.quoteIdentifier(cols.get(i)));
            if (binary && t.textInBinary(i)) {
                sql.append("::text");
            }
        }
        String keyList = String.join(", ", current.keyNames().stream().map(Sql::quoteIdentifier).toList());
        for (int i = 0; i < current.keyNames().size(); i++) {
            sql.append(", ").append(Sql.quoteIdentifier(current.keyNames().get(i))).append("::text AS walstream_key_")
                    .append(i);
        }
        String relkindOnly = t.sources().size() == 1 && t.sources().get(0).oid() == t.relation().oid() ? "ONLY "
                : "";
        String schema = t.relation().namespace().isEmpty() ? "pg_catalog" : t.relation().namespace();
        sql.append(" FROM ").append(relkindOnly).append(Sql.quoteIdentifier(schema)).append('.')
                .append(Sql.quoteIdentifier(t.relation().name()));
        List<String> where = new ArrayList<>();
        t.rowFilter().ifPresent(f -> where.add("(" + f + ")"));
        if (lastKey != null) {
            where.add("(" + keyList + ") > (" + String.join(", ", lastKey.stream()
                    .map(v -> Sql.quoteLiteral(v, scs)).toList()) + ")");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ").append(keyList).append(" LIMIT ").append(current.chunkSize()).append(") TO STDOUT");
        if (binary) {
            sql.append(" (FORMAT binary)");
        }
        int n = cols.size();
        int k = current.keyNames().size();
        boolean[] text = new boolean[n + k];
        boolean[] own = t.textInBinary();
        System.arraycopy(own, 0, text, 0, n);
        for (int i = n; i < n + k; i++) {
            text[i] = true;
        }
        CopyRowDecoder decoder = binary ? new BinaryCopyDecoder(text) : new TextCopyDecoder();
        List<TupleData> tuples = new ArrayList<>();
        visibility = beginSnapshot();
        try (CopyOut copy = conn.copyOut(sql.toString())) {
            Frame f;
            while ((f = copy.next()) != null) {
                decoder.decode(f.payload(), tuples::add);
            }
            decoder.finish();
        } finally {
            conn.query(conn.transactionStatus() == 'T' ? "COMMIT" : "ROLLBACK");
        }
        RowBinder rowBinder = new RowBinder(catalog.relations());
        for (TupleData wide : tuples) {
            Row row = rowBinder.row(t.relation().oid(), wide, n); // the key columns appended to the query stay out
            buffer.put(key(row), new SnapshotRow(t, row));
            List<String> key = new ArrayList<>(k);
            for (int i = n; i < n + k; i++) {
                key.add(wide.text(i));
            }
            lastKey = key;
        }
        lastChunkFull = tuples.size() == current.chunkSize();
    }

    /**
     * Begins the chunk's transaction and returns its snapshot. Retries while a transaction this consumer already
     * received from the stream is not yet visible (its commit record is in WAL, so the walsender sent it, but it
     * has not left the server's proc array yet): the chunk must reflect everything applied before it.
     */
    private SnapshotXids beginSnapshot() {
        for (int attempt = 0; ; attempt++) {
            conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            SnapshotXids xids = SnapshotXids.parse(conn.query("SELECT pg_catalog.pg_current_snapshot()::text")
                    .getString(0, 0));
            boolean behind = false;
            for (int i = 0; i < recentCount && !behind; i++) {
                behind = !xids.isVisible((int) recentXids[i]);
            }
            if (!behind || attempt >= 1000) {
                return xids;
            }
            conn.query("ROLLBACK");
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotException("Interrupted while waiting for commits to become visible", null, e);
            }
        }
    }

    /** Closes the reader connection; an open chunk is abandoned. */
    @Override
    public void close() {
        conn.close();
    }

    @Override
    public String toString() {
        return "IncrementalSnapshot[" + (current == null ? "idle" : current.table().qualifiedName() + " chunk "
                + chunkId) + ", pending=" + pending.size() + "]";
    }
}
