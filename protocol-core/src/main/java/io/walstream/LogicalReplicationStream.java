package io.walstream;

import io.walstream.conn.Connector;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Update;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.PrimaryKeepalive;
import io.walstream.replication.StartReplicationCommand;
import io.walstream.replication.StreamingMode;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logical replication from one slot and its publications: every committed change, in commit order, decoded,
 * with progress reported to the server according to the {@link FlushMode}. The entry point of walstream.
 *
 * <pre>{@code
 * ReplicationConfig config = ReplicationConfig.builder("postgresql://cdc@db/app")
 *         .slot("cdc").publications("app_pub").build();
 * try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
 *     stream.forEach(event -> System.out.println(event.describe()));   // acknowledged after each commit
 * }
 * }</pre>
 *
 * <p><b>Consuming.</b> Pull with {@link #next(Duration)} or push with {@link #forEach(Consumer)}. Status updates
 * go to the server every {@code statusInterval} from a timer, also while the application is busy, so a slow
 * consumer keeps its connection.
 *
 * <p><b>Reconnecting.</b> Transient failures (connection lost, server shutdown or restart, walsender timeout)
 * reconnect according to the {@link ReconnectPolicy} and resume from the last <em>flushed</em> position. The
 * server then resends every transaction not yet flushed; those whose commit this stream already delivered are
 * skipped, so each committed transaction reaches the application once per stream. A transaction that was cut
 * off before its commit is delivered again from its Begin (a raw-message consumer sees a second Begin for the
 * same xid and must discard the partial one). Permanent failures (authentication, a missing or invalidated slot,
 * removed WAL, a missing publication, bad configuration) end the stream at once with the server's SQLSTATE.
 *
 * <p><b>Exported snapshot.</b> With {@link ReplicationConfig.SlotCreation#IF_MISSING} or {@code TEMPORARY},
 * {@link #open} creates the slot before streaming and {@link #exportedSnapshot()} names the snapshot at the slot's
 * consistent point. It stays importable (with {@code SET TRANSACTION SNAPSHOT} on another connection) only until
 * streaming starts — the first {@link #next}, {@link #forEach} or {@link #start()} — so copy the initial data
 * before that.
 *
 * <p><b>Thread safety:</b> one thread consumes ({@link #next}, {@link #forEach}); {@link #acknowledge},
 * {@link #metrics()} and {@link #close()} may be called from any thread. {@link #close()} returns within a few
 * seconds even during a large transaction.
 */
public final class LogicalReplicationStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogicalReplicationStream.class);

    private final ReplicationConfig config;
    private final FeedbackPositions positions = new FeedbackPositions();
    private final RelationCache relations = new RelationCache();
    private PgConnection pendingConnection;
    private volatile WalStream stream;
    private PgOutputDecoder decoder;
    private String exportedSnapshot;
    private CreatedSlot createdSlot;

    private volatile boolean closed;
    private boolean ended;
    private boolean txOpen;
    private boolean skipping;
    private Lsn lastDelivered = Lsn.INVALID;
    private Lsn pendingAck;
    private final Set<Integer> openStreams = new HashSet<>();

    private volatile long delivered;
    private volatile long reconnects;
    private volatile long bytesBefore;
    private volatile Lsn serverWalEnd = Lsn.INVALID;
    private volatile Instant lastKeepalive;

    private LogicalReplicationStream(ReplicationConfig config) {
        this.config = config;
    }

    /**
     * Connects, and creates the slot if so configured. Streaming starts at the first {@link #next},
     * {@link #forEach} or {@link #start()}.
     *
     * @param config the configuration
     * @return the stream, not yet streaming
     */
    public static LogicalReplicationStream open(ReplicationConfig config) {
        LogicalReplicationStream s = new LogicalReplicationStream(Objects.requireNonNull(config, "config"));
        s.pendingConnection = Connector.connect(config.connection(), config.transportOptions());
        try {
            s.createSlotIfConfigured();
        } catch (RuntimeException e) {
            s.pendingConnection.close();
            throw e;
        }
        return s;
    }

    private void createSlotIfConfigured() {
        ReplicationConfig.SlotCreation creation = config.slotCreation();
        if (creation == ReplicationConfig.SlotCreation.NEVER) {
            return;
        }
        CreateSlotRequest request = CreateSlotRequest.logical(config.start().slotName(), "pgoutput")
                .withTemporary(creation == ReplicationConfig.SlotCreation.TEMPORARY)
                .withSnapshot(SnapshotAction.EXPORT)
                .withTwoPhase(config.start().twoPhase() && pendingConnection.serverVersion().atLeast(15));
        try {
            createdSlot = new ReplicationCommands(pendingConnection).createReplicationSlot(request);
            exportedSnapshot = createdSlot.snapshotName();
            log.info("Created {}slot {} at {} (snapshot {})", request.temporary() ? "temporary " : "",
                    createdSlot.slotName(), createdSlot.consistentPoint(), exportedSnapshot);
        } catch (ServerErrorException e) {
            if (!"42710".equals(e.sqlState()) || request.temporary()) {
                throw e;
            }
            log.info("Slot {} already exists; streaming from its confirmed position", config.start().slotName());
        }
    }

    /** @return the snapshot exported when this stream created its slot, or {@code null}; see the class doc */
    public String exportedSnapshot() {
        return exportedSnapshot;
    }

    /** @return the slot this stream created, or {@code null} if it used an existing one */
    public CreatedSlot createdSlot() {
        return createdSlot;
    }

    /** Starts streaming now (otherwise the first {@link #next} or {@link #forEach} does). Idempotent. */
    public synchronized void start() {
        if (stream != null || closed) {
            return;
        }
        PgConnection conn = pendingConnection;
        pendingConnection = null;
        startOn(conn);
    }

    private void startOn(PgConnection conn) {
        WalStream s = WalStream.startLogical(conn, config.start().withStartLsn(
                Lsn.max(config.start().startLsn(), positions.flushed())), positions, config.statusInterval());
        int proto = StartReplicationCommand.effectiveProtoVersion(config.start(), conn.serverVersion());
        decoder = PgOutputDecoder.builder(proto)
                .parallelStreaming(config.start().streaming() == StreamingMode.PARALLEL).build();
        s.setKeepaliveListener(this::onKeepalive);
        txOpen = false;
        skipping = false;
        openStreams.clear();
        relations.clear(); // the walsender resends Relation messages in every session
        stream = s;
    }

    /**
     * Returns the next decoded message. With {@link FlushMode#ON_COMMIT} and {@link FlushMode#ON_COMMIT_AND_IDLE},
     * calling this again after a commit-like message (Commit, Prepare, Commit/Rollback Prepared, Stream Commit,
     * Stream Prepare) acknowledges it.
     *
     * @param timeout how long to wait
     * @return the next event, or {@code null} on timeout, after {@code stopAt} was reached, or after close
     */
    public ReplicationEvent next(Duration timeout) {
        start();
        ackPending();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ended || closed) {
                return null;
            }
            long left = deadline - System.nanoTime();
            XLogData x;
            try {
                x = stream.read(Duration.ofNanos(Math.max(0, left)));
                if (x == null && stream.isServerDone() && !closed) {
                    throw new ConnectionClosedException("The server ended the replication stream");
                }
            } catch (WalstreamException e) {
                if (closed) {
                    return null;
                }
                recover(e);
                continue;
            }
            if (x == null) {
                return null;
            }
            serverWalEnd = Lsn.max(serverWalEnd, x.walEnd());
            PgOutputMessage m = decoder.decode(x);
            relations.accept(m);
            Lsn ackPoint = track(m);
            if (ackPoint == SKIP) {
                continue;
            }
            Row newRow = null;
            Row oldRow = null;
            if (m instanceof Insert i) {
                newRow = relations.newRow(i);
            } else if (m instanceof Update u) {
                newRow = relations.newRow(u);
                oldRow = relations.oldRow(u).orElse(null);
            } else if (m instanceof Delete d) {
                oldRow = relations.oldRow(d);
            }
            ReplicationEvent event = new ReplicationEvent(m, x.walStart(), x.walEnd(), x.sendTimeMicros(), newRow,
                    oldRow);
            delivered++;
            if (ackPoint != null) {
                if (config.flushMode() != FlushMode.MANUAL) {
                    pendingAck = ackPoint;
                }
                if (config.stopAt() != null && !ackPoint.isBefore(config.stopAt())) {
                    ended = true;
                    log.info("Reached stopAt {} with the transaction ending at {}", config.stopAt(), ackPoint);
                }
            }
            return event;
        }
    }

    private static final Lsn SKIP = new Lsn(-1L);

    /** Updates transaction state; returns the acknowledgement point of a commit-like message, SKIP, or null. */
    private Lsn track(PgOutputMessage m) {
        if (m instanceof Begin b) {
            if (lastDelivered.isValid() && !b.finalLsn().isAfter(lastDelivered)) {
                skipping = true;
                log.debug("Skipping transaction {} (commit {}): already delivered before the reconnect", b.xid(),
                        b.finalLsn());
                return SKIP;
            }
            txOpen = true;
            return null;
        }
        if (m instanceof BeginPrepare bp) {
            if (lastDelivered.isValid() && !bp.prepareLsn().isAfter(lastDelivered)) {
                skipping = true;
                return SKIP;
            }
            txOpen = true;
            return null;
        }
        if (m instanceof Commit c) {
            txOpen = false;
            if (skipping) {
                skipping = false;
                return SKIP;
            }
            lastDelivered = c.commitLsn();
            return c.endLsn();
        }
        if (m instanceof Prepare p) {
            txOpen = false;
            if (skipping) {
                skipping = false;
                return SKIP;
            }
            lastDelivered = p.prepareLsn();
            return p.endLsn();
        }
        if (skipping) {
            return (m instanceof io.walstream.pgoutput.Relation || m instanceof io.walstream.pgoutput.Type) ? null : SKIP;
        }
        if (m instanceof StreamStart s) {
            openStreams.add(s.xid());
            return null;
        }
        if (m instanceof StreamCommit sc) {
            openStreams.remove(sc.xid());
            if (lastDelivered.isValid() && !sc.commitLsn().isAfter(lastDelivered)) {
                return SKIP;
            }
            lastDelivered = sc.commitLsn();
            return sc.endLsn();
        }
        if (m instanceof StreamPrepare sp) {
            openStreams.remove(sp.xid());
            if (lastDelivered.isValid() && !sp.prepareLsn().isAfter(lastDelivered)) {
                return SKIP;
            }
            lastDelivered = sp.prepareLsn();
            return sp.endLsn();
        }
        if (m instanceof StreamAbort a) {
            if (a.xid() == a.subxid()) {
                openStreams.remove(a.xid());
            }
            return null;
        }
        if (m instanceof CommitPrepared cp) {
            if (lastDelivered.isValid() && !cp.commitLsn().isAfter(lastDelivered)) {
                return SKIP;
            }
            lastDelivered = cp.commitLsn();
            return cp.endLsn();
        }
        if (m instanceof RollbackPrepared rp) {
            if (lastDelivered.isValid() && !rp.rollbackEndLsn().isAfter(lastDelivered)) {
                return SKIP;
            }
            lastDelivered = rp.rollbackEndLsn();
            return rp.rollbackEndLsn();
        }
        return null;
    }

    private void onKeepalive(PrimaryKeepalive k) {
        serverWalEnd = Lsn.max(serverWalEnd, k.walEnd());
        lastKeepalive = Instant.now();
        boolean idle = !txOpen && !skipping && openStreams.isEmpty() && pendingAck == null;
        if (idle && config.flushMode() == FlushMode.ON_COMMIT_AND_IDLE && k.walEnd().isValid()) {
            positions.flushed(k.walEnd());
        }
        if (idle && config.stopAt() != null && !k.walEnd().isBefore(config.stopAt())) {
            ended = true;
        }
    }

    private void ackPending() {
        Lsn ack = pendingAck;
        if (ack != null) {
            positions.flushed(ack);
            pendingAck = null;
        }
    }

    /**
     * Pushes every event to {@code handler} until {@code stopAt} is reached or the stream is closed. With
     * {@link FlushMode#ON_COMMIT} and {@link FlushMode#ON_COMMIT_AND_IDLE}, a transaction is acknowledged when
     * the handler returns after its commit. An exception from the handler ends the loop, unacknowledged.
     *
     * @param handler receives each event on the calling thread
     */
    public void forEach(Consumer<? super ReplicationEvent> handler) {
        while (!ended && !closed) {
            ReplicationEvent e = next(Duration.ofMillis(500));
            if (e == null) {
                continue;
            }
            handler.accept(e);
            ackPending();
        }
    }

    /**
     * Acknowledges everything up to {@code lsn} as durably processed: the server may then forget it.
     *
     * @param lsn usually a {@code Commit.endLsn()}
     */
    public void acknowledge(Lsn lsn) {
        positions.flushed(lsn);
    }

    /** @return whether {@code stopAt} was reached */
    public boolean isEnded() {
        return ended;
    }

    /** @return the relations (and type names) announced in this session, for binding tuples yourself */
    public RelationCache relations() {
        return relations;
    }

    /** @return the positions reported to the server */
    public FeedbackPositions positions() {
        return positions;
    }

    /** @return a snapshot of the progress */
    public StreamMetrics metrics() {
        WalStream s = stream;
        Lsn flushed = positions.flushed();
        Lsn end = serverWalEnd;
        long lag = end.isValid() && flushed.isValid() && end.isAfter(flushed) ? end.value() - flushed.value() : 0;
        return new StreamMetrics(positions.received(), flushed, positions.applied(), end, lag, delivered,
                bytesBefore + (s == null ? 0 : s.bytesRead()), reconnects, lastKeepalive);
    }

    private void recover(WalstreamException failure) {
        ReconnectPolicy policy = config.reconnect();
        if (!failure.isTransient() || policy.maxAttempts() == 0) {
            log.info("Replication stream failed permanently: {}", failure.getMessage());
            abortStream();
            throw failure;
        }
        log.info("Replication stream interrupted ({}); reconnecting from {}", failure.getMessage(), positions.flushed());
        abortStream();
        long started = System.nanoTime();
        WalstreamException last = failure;
        for (int attempt = 1; attempt <= policy.maxAttempts() && !closed; attempt++) {
            if (System.nanoTime() - started > policy.maxElapsed().toNanos()) {
                break;
            }
            sleep(policy.delay(attempt));
            try {
                PgConnection conn = Connector.connect(config.connection(), config.transportOptions());
                try {
                    startOn(conn);
                } catch (RuntimeException e) {
                    conn.close();
                    throw e;
                }
                reconnects++;
                log.info("Reconnected after {} attempt(s); resuming from {}", attempt, positions.flushed());
                return;
            } catch (ServerErrorException e) {
                // The old walsender may still hold the slot for a moment after it was terminated.
                if (!e.isTransient() && !"55006".equals(e.sqlState())) {
                    throw e;
                }
                last = e;
            } catch (WalstreamException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        if (closed) {
            return;
        }
        throw new TransportException("Gave up reconnecting after " + policy.maxAttempts() + " attempts / "
                + policy.maxElapsed() + ": " + last.getMessage(), last);
    }

    private void abortStream() {
        WalStream s = stream;
        if (s != null) {
            bytesBefore += s.bytesRead();
            stream = null;
            s.abort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("Interrupted while waiting to reconnect");
        }
    }

    /**
     * Stops streaming: sends the final status update and CopyDone, waits a bounded time for the server, and
     * closes the connection. Callable from any thread; a blocked {@link #next} returns {@code null}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WalStream s = stream;
        if (s != null) {
            s.close();
        }
        PgConnection pending = pendingConnection;
        if (pending != null) {
            pending.close();
        }
    }
}
