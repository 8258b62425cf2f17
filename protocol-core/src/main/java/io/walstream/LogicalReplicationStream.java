package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.pgoutput.RelationCache;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.WalStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
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
 * <p><b>Reconnecting.</b> Transient failures (connection lost or refused, server shutdown or restart, walsender
 * timeout, a server silent for {@link ReplicationConfig#receiveTimeout()}, a slot still held by a previous
 * consumer) reconnect according to the {@link ReconnectPolicy} — also while {@link #open} and the first
 * {@link #start()} run — and resume from the last <em>flushed</em> position; each failure and retry is logged at
 * WARN. Every session checks with {@code IDENTIFY_SYSTEM} that it talks to the same cluster as the first (a
 * different one ends the stream with {@link ClusterMismatchException}; a new timeline is logged), and checks the
 * slot and the publications before streaming. The
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
 * <p><b>Shutdown.</b> Nothing is registered behind your back. {@link #close()} sends a final status update with
 * the last acknowledged position; a JVM that ends on SIGTERM without calling it loses that update (the server
 * then resends from the previous one). {@link #closeOnShutdown()} registers a shutdown hook that closes the
 * stream. Closing from inside a handler of any consuming API (forEach, forEachRaw, forEachTransaction, a
 * publisher's {@code onNext}) takes effect after the handler returned and its transaction was acknowledged.
 *
 * <p><b>Thread safety:</b> one thread consumes ({@link #next}, {@link #forEach}, {@link #nextRaw},
 * {@link #nextTransaction}; the publisher uses its own reader thread); {@link #acknowledge}, {@link #metrics()}
 * and {@link #close()} may be called from any thread. {@link #close()} returns within a few
 * seconds even during a large transaction.
 */
public final class LogicalReplicationStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogicalReplicationStream.class);
    /** How long a push loop waits per read before looking at close/stopAt again. */
    private static final long PUSH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ReplicationConfig config;
    private final FeedbackPositions positions = new FeedbackPositions();
    private final SessionSupervisor supervisor;
    private final DeliveryLoop loop;
    private final AtomicReference<ConsumerMode> consumerMode = new AtomicReference<>();
    private PgConnection pendingConnection;
    private String exportedSnapshot;
    private CreatedSlot createdSlot;
    private WalstreamException failure;
    private volatile TransactionStream transactions;
    private volatile Thread shutdownHook;

    private LogicalReplicationStream(ReplicationConfig config) {
        this.config = config;
        this.supervisor = SessionSupervisor.create(config, positions);
        this.loop = new DeliveryLoop(config, supervisor, positions);
        loop.onClose(this::releaseResources);
    }

    /**
     * Connects, and creates the slot if so configured. Streaming starts at the first {@link #next},
     * {@link #forEach} or {@link #start()}. A transient failure to connect (port refused, server starting up) is
     * retried per the {@link ReconnectPolicy}.
     *
     * @param config the configuration
     * @return the stream, not yet streaming
     */
    public static LogicalReplicationStream open(ReplicationConfig config) {
        Objects.requireNonNull(config, "config");
        return new LogicalReplicationStream(config).connect();
    }

    private LogicalReplicationStream connect() {
        PgConnection conn = supervisor.connectFirst(loop::isClosed);
        pendingConnection = conn;
        try {
            createSlotIfConfigured();
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
        return this;
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

    /**
     * Starts streaming now (otherwise the first {@link #next} or {@link #forEach} does). Idempotent. Before
     * {@code START_REPLICATION} it checks the slot (exists, logical, pgoutput, this database, not invalidated) and
     * every publication, failing with the server's wording; a slot still active (55006) is retried per the
     * {@link ReconnectPolicy}, as during a reconnect.
     */
    public synchronized void start() {
        if (failure != null) {
            throw failure; // failed permanently: stays failed, never starts on a released connection
        }
        if (loop.hasSession() || loop.isClosed()) {
            return;
        }
        PgConnection conn = pendingConnection;
        pendingConnection = null;
        try {
            WalStream s = supervisor.startFirst(conn, loop.resumeFrom(), loop::isClosed);
            if (s != null) {
                loop.begin(s);
            }
        } catch (WalstreamException e) {
            if (!loop.isClosed()) {
                failure = e;
            }
            throw e;
        }
    }

    private void ensureStarted() {
        if (!loop.hasSession()) {
            start();
        }
    }

    private Polled poll(long timeoutNanos, boolean raw, boolean reportDuplicates) {
        WalstreamException failed = failure;
        if (failed != null) {
            throw failed; // failed permanently: every later call reports it, nothing reconnects
        }
        ensureStarted();
        if (!loop.hasSession()) {
            return null; // closed while starting
        }
        try {
            return loop.poll(timeoutNanos, raw, reportDuplicates);
        } catch (WalstreamException e) {
            if (!loop.isClosed()) {
                failure = e; // a later call rethrows it instead of starting on a released connection
            }
            throw e;
        }
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
        loop.acknowledgeDelivered();
        Polled p = poll(timeout.toNanos(), false, false);
        return p == null ? null : p.event();
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
        loop.acknowledgeDelivered();
        return raw(poll(timeout.toNanos(), true, false));
    }

    private static RawEvent raw(Polled p) {
        if (p == null) {
            return null;
        }
        ByteBuffer payload = p.data().payload();
        return new RawEvent(p.data(), (char) (payload.get(payload.position()) & 0xFF), p.streamXid(), p.ackPoint());
    }

    /**
     * Pushes every event to {@code handler} until {@code stopAt} is reached or the stream is closed. With
     * {@link FlushMode#ON_COMMIT} and {@link FlushMode#ON_COMMIT_AND_IDLE}, a transaction is acknowledged when
     * the handler returns after its commit; a {@link #close()} from inside the handler takes effect after that.
     * An exception from the handler ends the loop, unacknowledged.
     *
     * @param handler receives each event on the calling thread
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public void forEach(Consumer<? super ReplicationEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        claim(ConsumerMode.EVENTS, false);
        push(false, p -> handler.accept(p.event()));
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
        Objects.requireNonNull(handler, "handler");
        claim(ConsumerMode.RAW, false);
        push(true, p -> handler.accept(raw(p)));
    }

    /** The push loop of forEach / forEachRaw: the delivery loop's batches, handler, acknowledgement, close. */
    private void push(boolean raw, Consumer<Polled> handler) {
        WalstreamException failed = failure;
        if (failed != null) {
            throw failed;
        }
        ensureStarted();
        if (!loop.hasSession()) {
            return; // closed while starting
        }
        try {
            loop.push(raw, handler, PUSH_WAIT_NANOS);
        } catch (WalstreamException e) {
            if (!loop.isClosed() && e != loop.handlerFailure()) { // the handler's own exception fails nothing
                failure = e;
            }
            throw e;
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
     * nothing is read (the status-update sender keeps the connection alive meanwhile). All signals come from that
     * thread, serially. A commit-like event is acknowledged (per {@link FlushMode}) when {@code onNext} returns for
     * it; a {@link #close()} from inside {@code onNext} takes effect after that. {@code stopAt} reached, or
     * {@link #close()}, signals {@code onComplete}; a failure (after the {@link ReconnectPolicy} gave up) signals
     * {@code onError} once. {@code request(n)} with {@code n <= 0} signals {@code onError(IllegalArgumentException)}
     * (rule 3.9). After {@code cancel} no further signals are sent and an event read meanwhile is dropped,
     * unacknowledged. A second subscription — to this or any other publisher of this stream — and a subscription
     * after the stream was consumed another way get {@code onSubscribe} followed by
     * {@code onError(IllegalStateException)}: multicast is not supported. An exception thrown by {@code onNext}
     * cancels the subscription (rule 2.13) without acknowledging that event.
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
        t = new TransactionStream(eventSource(ConsumerMode.TRANSACTIONS), options).filter(config.eventFilter());
        transactions = t;
        if (loop.isClosed()) {
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
        Lsn end = CommitLedger.endOf(event.message());
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

    /** @return whether {@code stopAt} was reached */
    public boolean isEnded() {
        return loop.isEnded();
    }

    /** @return whether {@link #close()} was called (from any thread, also by the shutdown hook) */
    public boolean isClosed() {
        return loop.isClosed();
    }

    /** @return the relations (and type names) announced in this session, for binding tuples yourself */
    public RelationCache relations() {
        return loop.relations();
    }

    /** @return the positions reported to the server */
    public FeedbackPositions positions() {
        return positions;
    }

    /** @return a snapshot of the progress */
    public StreamMetrics metrics() {
        return loop.metrics();
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
        ConsumerMode current = consumerMode.get();
        if (current == mode && !exclusive) {
            return; // the per-call fast path: one volatile read
        }
        if (current == null && consumerMode.compareAndSet(null, mode)) {
            if (mode == ConsumerMode.EVENTS || mode == ConsumerMode.PUBLISHER) {
                loop.eventsOnly(config.eventFilter()); // transactions filter by table themselves; raw: never
            }
            return;
        }
        current = consumerMode.get();
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
            public Polled poll(long timeoutNanos) {
                return LogicalReplicationStream.this.poll(timeoutNanos, false, true);
            }

            @Override
            public void acknowledgeDelivered() {
                loop.acknowledgeDelivered();
            }

            @Override
            public void enterDelivery() {
                loop.enterDelivery();
            }

            @Override
            public void afterHandler(boolean handled) {
                loop.afterHandler(handled);
            }

            @Override
            public void exitDelivery() {
                loop.exitDelivery();
            }

            @Override
            public boolean isFinished() {
                return loop.isFinished();
            }

            @Override
            public long session() {
                return loop.session();
            }

            @Override
            public void close() {
                LogicalReplicationStream.this.close();
            }
        };
    }

    /**
     * Registers a JVM shutdown hook that {@link #close() closes} this stream, so that a SIGTERM (or
     * {@code System.exit}) still sends the final status update with the last acknowledged position. The hook is
     * removed when the stream is closed. A transaction whose handler is still running when the JVM shuts down is
     * not acknowledged; the server sends it again to the next consumer.
     *
     * @return this stream
     */
    public synchronized LogicalReplicationStream closeOnShutdown() {
        if (shutdownHook == null && !loop.isClosed()) {
            Thread hook = new Thread(() -> {
                log.info("JVM shutdown: closing the replication stream on slot \"{}\"", config.start().slotName());
                close();
            }, "walstream-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        }
        return this;
    }

    /**
     * Stops streaming: sends the final status update and CopyDone, waits a bounded time for the server, and
     * closes the connection; discards buffered transactions and deletes their spill files. Callable from any
     * thread; a blocked {@link #next} returns {@code null}. From inside a handler it takes effect after the
     * handler returned and its transaction was acknowledged.
     */
    @Override
    public void close() {
        loop.close();
    }

    private void releaseResources() {
        PgConnection pending = pendingConnection;
        if (pending != null) {
            pending.close();
        }
        TransactionStream t = transactions;
        if (t != null) {
            t.discardAll();
        }
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }
}
