package io.walstream;

import io.walstream.EventSource.Polled;
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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
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
 * consumer keeps its connection. Three more ways to consume: undecoded payloads for an own decoder with
 * {@link #nextRaw(Duration)} / {@link #forEachRaw(Consumer)}; a demand-driven {@link Flow.Publisher} with
 * {@link #publisher()}; whole committed transactions with {@link #nextTransaction(Duration)} /
 * {@link #forEachTransaction(Consumer)} / {@link #transactions(TransactionOptions)}. A stream is consumed one way
 * only: the first of these families used claims it, and using another one afterwards throws
 * {@link IllegalStateException}.
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
 * <p><b>Thread safety:</b> one thread consumes ({@link #next}, {@link #forEach}, {@link #nextRaw},
 * {@link #nextTransaction}; the publisher uses its own reader thread); {@link #acknowledge}, {@link #metrics()}
 * and {@link #close()} may be called from any thread. {@link #close()} returns within a few
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
    private final AtomicReference<ConsumerMode> consumerMode = new AtomicReference<>();
    private volatile Thread handlerThread;
    private boolean closeDeferred;
    private WalstreamException failure;
    private volatile long session;
    private volatile TransactionStream transactions;

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
        if (failure != null) {
            throw failure; // failed permanently: stays failed, never starts on a released connection
        }
        if (stream != null || closed) {
            return;
        }
        PgConnection conn = pendingConnection;
        pendingConnection = null;
        try {
            startOn(conn);
        } catch (RuntimeException e) {
            conn.close(); // e.g. a missing slot: the connection must not be leaked
            if (e instanceof WalstreamException w && !closed) {
                failure = w;
            }
            throw e;
        }
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
        session++;
        stream = s;
    }

    /**
     * Returns the next decoded message. With {@link FlushMode#ON_COMMIT} and {@link FlushMode#ON_COMMIT_AND_IDLE},
     * calling this again after a commit-like message (Commit, Prepare, Commit/Rollback Prepared, Stream Commit,
     * Stream Prepare) acknowledges it.
     *
     * @param timeout how long to wait
     * @return the next event, or {@code null} on timeout, after {@code stopAt} was reached, or after close
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public ReplicationEvent next(Duration timeout) {
        claim(ConsumerMode.EVENTS, false);
        ackPending();
        Polled p = poll(timeout, false, false);
        if (p == null) {
            return null;
        }
        WalStream s = stream;
        if (s != null) {
            s.releaseReadBuffers(); // events hold copies, never the XLogData: its read buffer may be reused
        }
        return p.event();
    }

    /**
     * Returns the next message undecoded, for an application with its own pgoutput decoder. Transactions are
     * tracked as by {@link #next} — acknowledgement per {@link FlushMode} when this is called again after a
     * commit-like message, {@code stopAt}, and the reconnect dedupe (a transaction already delivered is skipped;
     * one cut off by a reconnect starts again with a second Begin for the same xid, so discard the partial one).
     *
     * <p>Cost: to do that the stream decodes the small fixed-layout control messages (Begin, Commit, Origin,
     * Relation, Type, the stream and two-phase messages) with its own decoder, which also keeps
     * {@link #relations()} current; the changes Insert, Update, Delete, Truncate and Message are not decoded —
     * only their type byte is read. {@link RawEvent#hasStreamXid()} tells whether a change carries the leading
     * streaming xid.
     *
     * @param timeout how long to wait
     * @return the next message, or {@code null} on timeout, after {@code stopAt} was reached, or after close
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public RawEvent nextRaw(Duration timeout) {
        claim(ConsumerMode.RAW, false);
        ackPending();
        Polled p = poll(timeout, true, false);
        if (p == null) {
            return null;
        }
        ByteBuffer payload = p.data().payload();
        return new RawEvent(p.data(), (char) (payload.get(payload.position()) & 0xFF), p.streamXid(),
                p.ackPoint());
    }

    /**
     * Pushes every message, undecoded, to {@code handler} until {@code stopAt} is reached or the stream is closed;
     * see {@link #nextRaw(Duration)}. A transaction is acknowledged (per {@link FlushMode}) when the handler
     * returns after its commit-like message; an exception from the handler ends the loop, unacknowledged.
     *
     * @param handler receives each message on the calling thread
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public void forEachRaw(Consumer<? super RawEvent> handler) {
        while (!ended && !closed) {
            RawEvent e = nextRaw(Duration.ofMillis(500));
            if (e == null) {
                continue;
            }
            dispatch(handler, e);
        }
    }

    /**
     * A {@link Flow.Publisher} of this stream's events for one subscriber; cancelling the subscription leaves the
     * stream open (close it yourself). See {@link #publisher(boolean)}.
     *
     * @return a publisher
     */
    public Flow.Publisher<ReplicationEvent> publisher() {
        return publisher(false);
    }

    /**
     * A {@link Flow.Publisher} of this stream's events, demand-driven, for exactly one subscriber.
     *
     * <p>On subscribe a daemon thread named {@code walstream-publisher-N} starts; it reads the next message only
     * while the subscriber has outstanding demand, so at most one event is held in memory and without demand
     * nothing is read (the status-update timer keeps the connection alive meanwhile). All signals come from that
     * thread, serially. A commit-like event is acknowledged (per {@link FlushMode}) when {@code onNext} returns for
     * it. {@code stopAt} reached, or {@link #close()}, signals {@code onComplete}; a failure (after the
     * {@link ReconnectPolicy} gave up) signals {@code onError} once. {@code request(n)} with {@code n <= 0} signals
     * {@code onError(IllegalArgumentException)} (rule 3.9). After {@code cancel} no further signals are sent and
     * an event read meanwhile is dropped, unacknowledged. A second subscription — to this or any other publisher
     * of this stream — and a subscription after the stream was consumed another way get {@code onSubscribe}
     * followed by {@code onError(IllegalStateException)}: multicast is not supported. An exception thrown by
     * {@code onNext} cancels the subscription (rule 2.13) without acknowledging that event.
     *
     * @param closeWhenDone whether to close this stream when the subscription ends (cancel, error or completion)
     * @return a publisher
     */
    public Flow.Publisher<ReplicationEvent> publisher(boolean closeWhenDone) {
        return new StreamPublisher(eventSource(ConsumerMode.PUBLISHER), closeWhenDone);
    }

    /**
     * Whole committed transactions with the default {@link TransactionOptions} (or the options given to an
     * earlier {@link #transactions(TransactionOptions)}).
     *
     * @return this stream's transaction view
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public TransactionStream transactions() {
        TransactionStream t = transactions;
        return t != null ? t : transactions(TransactionOptions.defaults());
    }

    /**
     * Whole committed transactions: creates this stream's {@link TransactionStream} on the first call.
     *
     * @param options the memory budget and spill directory
     * @return this stream's transaction view
     * @throws IllegalStateException if the stream is consumed another way (see the class doc), or if the
     *         transaction view already exists with different options
     */
    public synchronized TransactionStream transactions(TransactionOptions options) {
        Objects.requireNonNull(options, "options");
        TransactionStream t = transactions;
        if (t != null) {
            if (!t.options().equals(options)) {
                throw new IllegalStateException("The transaction view of this stream already exists with " + t.options());
            }
            return t;
        }
        claim(ConsumerMode.TRANSACTIONS, true);
        t = new TransactionStream(eventSource(ConsumerMode.TRANSACTIONS), options);
        transactions = t;
        if (closed) {
            t.discardAll();
        }
        return t;
    }

    /**
     * The next whole transaction; see {@link TransactionStream#next(Duration)}.
     *
     * @param timeout how long to wait
     * @return the next transaction, or {@code null} on timeout, after {@code stopAt} was reached, or after close
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public Transaction nextTransaction(Duration timeout) {
        return transactions().next(timeout);
    }

    /**
     * Pushes every whole transaction to {@code handler}; see {@link TransactionStream#forEach(Consumer)}.
     *
     * @param handler receives each transaction on the calling thread
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public void forEachTransaction(Consumer<? super Transaction> handler) {
        transactions().forEach(handler);
    }

    /**
     * Reads until there is a message to deliver. Acknowledges nothing.
     *
     * @param raw leave the changes I U D T M undecoded (no event)
     * @param reportDuplicates return the Stream Commit / Stream Prepare of a streamed transaction already
     *        delivered before a reconnect (flagged, not counted) instead of dropping it silently
     */
    private Polled poll(Duration timeout, boolean raw, boolean reportDuplicates) {
        start();
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
                try {
                    recover(e);
                } catch (WalstreamException permanent) {
                    if (!closed) {
                        failure = permanent; // a later call rethrows it instead of starting on a null connection
                    }
                    throw permanent;
                }
                continue;
            }
            if (x == null) {
                return null;
            }
            serverWalEnd = Lsn.max(serverWalEnd, x.walEnd());
            int tag = x.payloadLength() > 0 ? x.payloadByte(0) & 0xFF : -1; // no payload view needed
            PgOutputMessage m = null;
            Lsn ackPoint;
            boolean streamXid;
            if (raw && isChange(tag)) {
                streamXid = decoder.inStreamBlock();
                ackPoint = skipping ? SKIP : null;
            } else {
                m = decoder.decode(x);
                relations.accept(m);
                streamXid = m.streamXid().isPresent();
                ackPoint = track(m);
            }
            if (ackPoint == SKIP) {
                if (reportDuplicates && (m instanceof StreamCommit || m instanceof StreamPrepare)) {
                    return new Polled(x, m, null, null, true, false);
                }
                continue;
            }
            ReplicationEvent event = raw ? null : bind(m, x);
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
            return new Polled(x, m, event, ackPoint, false, streamXid);
        }
    }

    private static boolean isChange(int tag) {
        return tag == Insert.TAG || tag == Update.TAG || tag == Delete.TAG || tag == io.walstream.pgoutput.Truncate.TAG
                || tag == io.walstream.pgoutput.LogicalMessage.TAG;
    }

    private ReplicationEvent bind(PgOutputMessage m, XLogData x) {
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
        return new ReplicationEvent(m, x.walStart(), x.walEnd(), x.sendTimeMicros(), newRow, oldRow);
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
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public void forEach(Consumer<? super ReplicationEvent> handler) {
        while (!ended && !closed) {
            ReplicationEvent e = next(Duration.ofMillis(500));
            if (e == null) {
                continue;
            }
            dispatch(handler, e);
        }
    }

    /**
     * Runs a push handler and acknowledges after it returns normally. A {@link #close()} from inside the handler
     * is carried out only after that acknowledgement, so the final status update reports the handled commit.
     */
    private <T> void dispatch(Consumer<? super T> handler, T event) {
        boolean handled = false;
        handlerThread = Thread.currentThread();
        try {
            handler.accept(event);
            handled = true;
        } finally {
            handlerThread = null;
            if (handled) {
                ackPending();
            }
            if (closeDeferred) {
                closeDeferred = false;
                closeNow();
            }
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

    /**
     * Acknowledges a commit-like event (Commit, Prepare, Commit/Rollback Prepared, Stream Commit, Stream Prepare)
     * at its end position. For {@link FlushMode#MANUAL} consumers that acknowledge by event.
     *
     * @param event a delivered event
     * @throws IllegalArgumentException if the event does not end a transaction (acknowledging mid-transaction
     *         would let the server skip the rest of it after a restart)
     */
    public void acknowledge(ReplicationEvent event) {
        Lsn end = endOf(event.message());
        if (end == null) {
            throw new IllegalArgumentException("Only an event that ends a transaction can be acknowledged, not "
                    + event.message().getClass().getSimpleName());
        }
        positions.flushed(end);
    }

    /**
     * Acknowledges a whole transaction from {@link #transactions()} at its end position.
     *
     * @param transaction a delivered transaction
     * @throws IllegalArgumentException if it has no end position (a non-transactional message)
     */
    public void acknowledge(Transaction transaction) {
        Lsn end = transaction.endLsn();
        if (end == null || !end.isValid()) {
            throw new IllegalArgumentException("A " + transaction.kind() + " has no end position to acknowledge");
        }
        positions.flushed(end);
    }

    private static Lsn endOf(PgOutputMessage m) {
        if (m instanceof Commit c) {
            return c.endLsn();
        }
        if (m instanceof Prepare p) {
            return p.endLsn();
        }
        if (m instanceof StreamCommit sc) {
            return sc.endLsn();
        }
        if (m instanceof StreamPrepare sp) {
            return sp.endLsn();
        }
        if (m instanceof CommitPrepared cp) {
            return cp.endLsn();
        }
        if (m instanceof RollbackPrepared rp) {
            return rp.rollbackEndLsn();
        }
        return null;
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

    /** The consumption families; a stream is consumed by one of them only. */
    enum ConsumerMode {
        EVENTS("next/forEach"), RAW("nextRaw/forEachRaw"), PUBLISHER("publisher()"),
        TRANSACTIONS("nextTransaction/forEachTransaction/transactions()");

        private final String api;

        ConsumerMode(String api) {
            this.api = api;
        }
    }

    /**
     * @param exclusive whether the mode may be claimed once only (a publisher's single subscriber)
     * @throws IllegalStateException if another mode (or, when exclusive, any mode) was claimed before
     */
    private void claim(ConsumerMode mode, boolean exclusive) {
        if (consumerMode.compareAndSet(null, mode)) {
            return;
        }
        ConsumerMode current = consumerMode.get();
        if (current == mode && !exclusive) {
            return;
        }
        if (current == mode && mode == ConsumerMode.PUBLISHER) {
            throw new IllegalStateException("This stream already has a subscriber; its publisher does not support "
                    + "multicast");
        }
        throw new IllegalStateException("This stream is already consumed with " + current.api + "; " + mode.api
                + " cannot be used as well (one way of consuming per stream)");
    }

    /** The consumer adapters' view of this stream. */
    EventSource eventSource(ConsumerMode mode) {
        return new EventSource() {
            @Override
            public void claim() {
                LogicalReplicationStream.this.claim(mode, true);
            }

            @Override
            public Polled poll(Duration timeout) {
                return LogicalReplicationStream.this.poll(timeout, false, true);
            }

            @Override
            public void acknowledgeDelivered() {
                ackPending();
            }

            @Override
            public boolean isFinished() {
                return ended || closed;
            }

            @Override
            public long session() {
                return session;
            }

            @Override
            public void close() {
                LogicalReplicationStream.this.close();
            }
        };
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
                if (closed) {
                    // close() ran while this attempt was connecting: it could not see the new stream.
                    WalStream s = stream;
                    if (s != null) {
                        s.close();
                    }
                    return;
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
     * closes the connection; discards buffered transactions and deletes their spill files. Callable from any
     * thread; a blocked {@link #next} returns {@code null}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == handlerThread) {
            // From inside a forEach/forEachRaw handler: dispatch acknowledges the event first, then closes.
            closeDeferred = true;
            return;
        }
        closeNow();
    }

    private void closeNow() {
        WalStream s = stream;
        if (s != null) {
            s.close();
        }
        PgConnection pending = pendingConnection;
        if (pending != null) {
            pending.close();
        }
        TransactionStream t = transactions;
        if (t != null) {
            t.discardAll();
        }
    }
}
