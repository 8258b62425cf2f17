package io.walstream;

import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.RelationCache;
import io.walstream.replication.FeedbackPositions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 * <p><b>Reconnecting.</b> Transient failures reconnect according to the {@link ReconnectPolicy}, also while
 * {@link #open} and the first {@link #start()} run, and resume from the last <em>flushed</em> position; each
 * committed transaction reaches the application once per stream. What counts as transient, the cluster and
 * timeline checks and the dedupe rules are described in the {@linkplain io.walstream package documentation}.
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

    /** How long a push loop waits per read before looking at close/stopAt again. */
    private static final long PUSH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final FeedbackPositions positions;
    private final DeliveryLoop loop;
    private final StreamLifecycle lifecycle;
    private final ConsumerClaim claim;
    private final Acknowledger acknowledger;
    private final ShutdownHook shutdownHook;
    private final CreatedSlot createdSlot;
    private final TransactionView transactions;
    private final StreamSnapshots snapshots;

    private LogicalReplicationStream(ReplicationConfig config, FeedbackPositions positions,
                                     SessionSupervisor supervisor, PgConnection first, CreatedSlot createdSlot,
                                     StreamSnapshots snapshots) {
        this.positions = positions;
        this.snapshots = snapshots;
        this.loop = new DeliveryLoop(config, supervisor, positions);
        this.lifecycle = new StreamLifecycle(supervisor, loop, first, snapshots);
        this.claim = new ConsumerClaim(mode -> {
            snapshots.claimed(mode.api(), mode == ConsumerClaim.Mode.EVENTS || mode == ConsumerClaim.Mode.PUBLISHER);
            if (mode == ConsumerClaim.Mode.EVENTS || mode == ConsumerClaim.Mode.PUBLISHER) {
                loop.eventsOnly(config.eventFilter()); // transactions filter by table themselves; raw: never
            }
        });
        this.acknowledger = new Acknowledger(positions);
        this.shutdownHook = new ShutdownHook(config.start().slotName(), this::close);
        this.createdSlot = createdSlot;
        this.transactions = new TransactionView(options -> {
            claim.claim(ConsumerClaim.Mode.TRANSACTIONS, true);
            return new TransactionStream(eventSource(ConsumerClaim.Mode.TRANSACTIONS), options)
                    .filter(config.eventFilter()); // drops other tables' changes as they arrive
        }, loop::isClosed);
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
        FeedbackPositions positions = new FeedbackPositions();
        SessionSupervisor supervisor = SessionSupervisor.create(config, positions);
        StreamSnapshots snapshots = new StreamSnapshots(config);
        snapshots.beforeConnect();
        PgConnection conn = supervisor.connectFirst(() -> false);
        CreatedSlot created;
        try {
            created = SlotCreator.createIfConfigured(config, conn);
            snapshots.afterConnect(created);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
        return new LogicalReplicationStream(config, positions, supervisor, conn, created, snapshots);
    }

    /** @return the snapshot exported when this stream created its slot, or {@code null}; see the class doc */
    public String exportedSnapshot() {
        return createdSlot == null ? null : createdSlot.snapshotName();
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
    public void start() {
        lifecycle.start();
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
        claim.claim(ConsumerClaim.Mode.EVENTS, false);
        loop.acknowledgeDelivered();
        EventSource.Polled p = lifecycle.poll(timeout.toNanos(), false, false);
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
        claim.claim(ConsumerClaim.Mode.RAW, false);
        loop.acknowledgeDelivered();
        return RawEvent.of(lifecycle.poll(timeout.toNanos(), true, false));
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
        claim.claim(ConsumerClaim.Mode.EVENTS, false);
        lifecycle.pushEvents(handler, PUSH_WAIT_NANOS); // no Polled per event
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
        claim.claim(ConsumerClaim.Mode.RAW, false);
        lifecycle.pushRaw(handler, PUSH_WAIT_NANOS); // no Polled per message
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
        return new StreamPublisher(eventSource(ConsumerClaim.Mode.PUBLISHER), closeWhenDone);
    }

    /**
     * Whole committed transactions with the default {@link TransactionOptions} (or the options given to an
     * earlier {@link #transactions(TransactionOptions)}).
     *
     * @return this stream's transaction view
     * @throws IllegalStateException if the stream is consumed another way (see the class doc)
     */
    public TransactionStream transactions() {
        return transactions.get();
    }

    /**
     * Whole committed transactions: creates this stream's {@link TransactionStream} on the first call.
     *
     * @param options the memory budget and spill directory
     * @return this stream's transaction view
     * @throws IllegalStateException if the stream is consumed another way (see the class doc), or if the
     *         transaction view already exists with different options
     */
    public TransactionStream transactions(TransactionOptions options) {
        return transactions.get(options);
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
        acknowledger.acknowledge(lsn);
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
        acknowledger.acknowledge(event);
    }

    /**
     * Acknowledges a whole transaction from {@link #transactions()} at its end position.
     *
     * @param transaction a delivered transaction
     * @throws IllegalArgumentException if it has no end position (a non-transactional message)
     */
    public void acknowledge(Transaction transaction) {
        acknowledger.acknowledge(transaction);
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

    /** @return a snapshot of the progress, with the initial snapshot's ({@link StreamMetrics#snapshot()}) */
    public StreamMetrics metrics() {
        return snapshots.decorate(loop.metrics());
    }

    /**
     * Re-reads a published table in primary-key chunks while the stream keeps running: its rows arrive through
     * this stream's consuming API as events with {@link ReplicationEvent#isSnapshotRead()}, interleaved with the
     * changes by the watermark algorithm (see {@link io.walstream.snapshot.IncrementalSnapshot}), so that a chunk
     * row never arrives after a change it predates; apply them as upserts. Needs {@code messages(true)} and
     * streaming off; consumed with next/forEach or publisher(). Callable from any thread (e.g. inside a handler).
     *
     * @param table {@code schema.name} as the stream reports it; a partitioned table not published via its
     *        root is re-read leaf by leaf
     * @param chunkSize rows per chunk
     * @throws IllegalArgumentException if the table is not published or has no primary key, or the configuration
     *         cannot carry watermarks
     */
    public void requestSnapshot(String table, int chunkSize) {
        snapshots.request(table, chunkSize);
    }

    private EventSource eventSource(ConsumerClaim.Mode mode) {
        return new StreamEventSource(claim, mode, lifecycle, loop, this::close);
    }

    /**
     * Registers a JVM shutdown hook that {@link #close() closes} this stream, so that a SIGTERM (or
     * {@code System.exit}) still sends the final status update with the last acknowledged position. The hook is
     * removed when the stream is closed. A transaction whose handler is still running when the JVM shuts down is
     * not acknowledged; the server sends it again to the next consumer.
     *
     * @return this stream
     */
    public LogicalReplicationStream closeOnShutdown() {
        if (!loop.isClosed()) {
            shutdownHook.register();
            if (loop.isClosed()) {
                shutdownHook.remove(); // closed meanwhile: its release may have missed the hook
            }
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
        lifecycle.release();
        transactions.discard();
        shutdownHook.remove();
    }
}
