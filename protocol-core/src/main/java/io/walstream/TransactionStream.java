package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link LogicalReplicationStream} consumed as whole transactions, in commit order: get it with
 * {@link LogicalReplicationStream#transactions(TransactionOptions)} (or use
 * {@link LogicalReplicationStream#nextTransaction} / {@link LogicalReplicationStream#forEachTransaction}).
 *
 * <pre>{@code
 * try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
 *     stream.forEachTransaction(tx -> {
 *         for (ReplicationEvent change : tx) {
 *             apply(change);
 *         }
 *     });   // acknowledged when the handler returns
 * }
 * }</pre>
 *
 * <p>What is delivered: see {@link Transaction} — regular transactions; streamed ones assembled from their chunks
 * (interleaved xids, without aborted subtransactions; nothing for an aborted one); prepared ones at PREPARE, and
 * their COMMIT/ROLLBACK PREPARED later as change-less transactions; non-transactional messages on their own. A
 * transaction is delivered once, complete: one cut off by a reconnect is discarded and assembled again from what
 * the server resends, and one already delivered before the reconnect is skipped.
 *
 * <p>Memory: changes are buffered until the commit up to {@link TransactionOptions#memoryBudgetBytes()}; beyond
 * it they spill to files in {@link TransactionOptions#spillDirectory()}, read back and decoded again when the
 * transaction is iterated, and deleted when it is released, aborted or discarded, or when the stream closes.
 *
 * <p>Acknowledgement per {@link FlushMode}: a transaction is acknowledged (its end LSN) when {@link #next} is
 * called again, or when the {@link #forEach} handler returns — which also releases it.
 *
 * <p><b>Thread safety:</b> one thread consumes ({@link #next}, {@link #forEach}); the accessors may be called
 * from any thread. Close the {@link LogicalReplicationStream} to end it.
 */
public final class TransactionStream {

    private static final Duration PUSH_WAIT = Duration.ofMillis(500);

    private final EventSource source;
    private final TransactionOptions options;
    private final TransactionAssembler assembler;
    private Transaction last;
    private long session;
    private EventFilter filter = EventFilter.ALL; // its tables only: see EventFilter's class doc

    TransactionStream(EventSource source, TransactionOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
        this.assembler = new TransactionAssembler(options);
    }

    /** Sets the table filter (from the stream's configuration) before the first transaction is read. */
    TransactionStream filter(EventFilter f) {
        this.filter = Objects.requireNonNull(f, "filter");
        return this;
    }

    /** @return the buffering options */
    public TransactionOptions options() {
        return options;
    }

    /**
     * Returns the next whole transaction. Releases the previous one and, with {@link FlushMode#ON_COMMIT} or
     * {@link FlushMode#ON_COMMIT_AND_IDLE}, acknowledges it. A transaction still being received when the timeout
     * expires stays buffered for the next call.
     *
     * @param timeout how long to wait
     * @return the next transaction, or {@code null} on timeout, after {@code stopAt} was reached, or after close
     */
    public Transaction next(Duration timeout) {
        releaseLast();
        source.acknowledgeDelivered();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean polled = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && polled) {
                return null;
            }
            polled = true;
            Polled p = source.poll(Math.max(0, left));
            if (p == null) {
                return null;
            }
            long s = source.session();
            if (s != session) {
                assembler.reset();
                session = s;
            }
            if (p.duplicate()) {
                if (p.message() instanceof StreamCommit sc) {
                    assembler.discard(sc.xid());
                } else if (p.message() instanceof StreamPrepare sp) {
                    assembler.discard(sp.xid());
                }
                continue;
            }
            if (p.event() == null || !filter.keepsTableOf(p.event())) {
                continue;
            }
            Transaction t = assembler.accept(p.event(), p.data().data());
            if (t != null) {
                last = t;
                if (filter.hasTables() && t.isEmpty()
                        && (t.kind() == Transaction.Kind.REGULAR || t.kind() == Transaction.Kind.STREAMED)) {
                    releaseLast(); // emptied by the table filter: acknowledged with the next one
                    continue;
                }
                return t;
            }
        }
    }

    /**
     * Pushes every transaction to {@code handler} until {@code stopAt} is reached or the stream is closed. With
     * {@link FlushMode#ON_COMMIT} and {@link FlushMode#ON_COMMIT_AND_IDLE}, a transaction is acknowledged when the
     * handler returns; it is then released. A {@link LogicalReplicationStream#close()} from inside the handler takes
     * effect after that acknowledgement. An exception from the handler ends the loop, unacknowledged.
     *
     * @param handler receives each transaction on the calling thread
     */
    public void forEach(Consumer<? super Transaction> handler) {
        Objects.requireNonNull(handler, "handler");
        source.enterDelivery();
        try {
            while (!source.isFinished()) {
                Transaction t = next(PUSH_WAIT);
                if (t == null) {
                    continue;
                }
                boolean handled = false;
                try {
                    handler.accept(t);
                    handled = true;
                } finally {
                    if (handled) {
                        releaseLast();
                    }
                    source.afterHandler(handled); // acknowledge, then a close() requested by the handler
                }
            }
        } finally {
            source.exitDelivery();
        }
    }

    /** @return the bytes of buffered changes held in memory, approximately */
    public long bufferedBytes() {
        return assembler.memoryBytes();
    }

    /** @return the transactions being received (begun or streaming, not yet committed or aborted) */
    public int openTransactions() {
        return assembler.openTransactions();
    }

    /** @return how many spill files were created so far */
    public long spillFilesCreated() {
        return assembler.spillFilesCreated();
    }

    private void releaseLast() {
        Transaction t = last;
        if (t != null) {
            last = null;
            t.release();
        }
    }

    /** Discards everything buffered and deletes the spill files; the stream is closing. */
    void discardAll() {
        assembler.close();
    }
}
