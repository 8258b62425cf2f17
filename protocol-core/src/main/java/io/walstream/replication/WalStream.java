package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.WalstreamException;
import io.walstream.conn.CopyBoth;
import io.walstream.conn.PgConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running replication stream on one connection: XLogData in, standby status updates out.
 *
 * <p>Keepalives are handled here: one that asks for a reply is answered at once, from the reading thread.
 * A first status update goes out as soon as streaming starts; then this stream's own sender thread sends one
 * every {@code statusInterval} — also while the consumer is busy and not reading at all — so a slow consumer is
 * not disconnected by {@code wal_sender_timeout}, and a peer that stops reading delays no other stream. The
 * positions reported come from {@link #positions()}: received (the write position) is advanced by what is read,
 * XLogData and keepalives alike; flushed only by the application's acknowledgements. A server that stays
 * completely silent for the receive timeout fails {@link #read} with a transient error.
 *
 * <p>Two ways to read: {@link #read} returns each XLogData as a record whose payload view stays valid;
 * {@link #drain} pushes a batch to an {@link XLogDataHandler} as primitives and an array range valid during the
 * call, allocating nothing per message, so the read buffer is reused. {@code read} copies a payload of up to
 * 8 KiB out of the read buffer (so that buffer is reused too); a larger payload keeps its buffer until
 * {@link #releaseReadBuffers()}.
 *
 * <p><b>Thread safety:</b> one thread calls {@link #read} or {@link #drain}; {@link #positions()}, {@link #sendStatus},
 * {@link #close()} and the accessors may be called from any thread. {@link #close()} from another thread
 * makes a blocked {@link #read} return {@code null} promptly, without waiting for the rest of a transaction.
 */
public final class WalStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalStream.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final PgConnection connection;
    private final boolean logical;
    private final CopyBoth copy;
    private final WalReader reader;
    private final FeedbackPositions positions;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicLong statusUpdates = new AtomicLong();
    private final StatusSender sender;
    private final long receiveTimeoutNanos;
    private long silenceMark = -1;
    private long silenceSince;
    private boolean pinged;
    private volatile Consumer<PrimaryKeepalive> keepaliveListener;
    private volatile PrimaryKeepalive lastKeepalive;
    private volatile long lastKeepaliveNanos;
    private volatile boolean closing;
    private volatile boolean closed;
    private long messages;
    private long bytes;

    private WalStream(PgConnection connection, CopyBoth copy, FeedbackPositions positions, Duration statusInterval,
                      Duration receiveTimeout, boolean logical) {
        this.logical = logical;
        this.connection = connection;
        this.copy = copy;
        this.reader = new WalReader(copy);
        this.positions = positions;
        this.receiveTimeoutNanos = receiveTimeout == null ? 0 : Math.max(0, receiveTimeout.toNanos());
        this.sender = new StatusSender(statusInterval.toNanos(), () -> sendStatus(false));
        // The first status update right away (as pg_recvlogical does): the slot advances to the acknowledged
        // position at every (re)connect, not a full statusInterval later; connections that live shorter than
        // the interval would otherwise never move it.
        sendStatus(false);
        sender.start();
    }

    /** The receive-silence timeout used when none is given: PostgreSQL's {@code wal_receiver_timeout} default. */
    public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Starts logical replication with pgoutput.
     *
     * @param connection a {@code replication=database} connection
     * @param options slot, publications and pgoutput options
     * @param positions where acknowledgements are kept (shared across reconnects by the caller)
     * @param statusInterval how often to send a status update regardless of traffic
     * @param receiveTimeout how long the server may stay completely silent (no data, no keepalive) before
     *        {@link #read} fails with a transient {@link io.walstream.TransportException}; half-way a status
     *        update asks the server for a keepalive. Zero disables it.
     * @return the running stream, which has already sent its first status update
     */
    public static WalStream startLogical(PgConnection connection, LogicalStartOptions options,
                                         FeedbackPositions positions, Duration statusInterval,
                                         Duration receiveTimeout) {
        String command = StartReplicationCommand.logical(options, connection.serverVersion());
        log.info("Starting logical replication on {}: {}", connection.endpoint(), command);
        return new WalStream(connection, connection.startCopyBoth(command), positions, statusInterval,
                receiveTimeout, true);
    }

    /**
     * Starts logical replication with pgoutput.
     *
     * @param connection a {@code replication=database} connection
     * @param options slot, publications and pgoutput options
     * @param positions where acknowledgements are kept (shared across reconnects by the caller)
     * @param statusInterval how often to send a status update regardless of traffic
     * @return the running stream
     */
    public static WalStream startLogical(PgConnection connection, LogicalStartOptions options,
                                         FeedbackPositions positions, Duration statusInterval) {
        return startLogical(connection, options, positions, statusInterval, DEFAULT_RECEIVE_TIMEOUT);
    }

    /**
     * Starts physical replication.
     *
     * @param connection a {@code replication=true} connection
     * @param slotName a physical slot or {@code null}
     * @param start where to start
     * @param timeline the timeline or 0 for the current one
     * @param positions where acknowledgements are kept
     * @param statusInterval how often to send a status update regardless of traffic
     * @return the running stream
     */
    public static WalStream startPhysical(PgConnection connection, String slotName, Lsn start, long timeline,
                                          FeedbackPositions positions, Duration statusInterval) {
        String command = StartReplicationCommand.physical(slotName, start, timeline);
        log.info("Starting physical replication on {}: {}", connection.endpoint(), command);
        return new WalStream(connection, connection.startCopyBoth(command), positions, statusInterval,
                DEFAULT_RECEIVE_TIMEOUT, false);
    }

    /**
     * Returns the next XLogData. Keepalives are consumed (and answered when asked) on the way.
     *
     * @param timeout how long to wait
     * @return the next XLogData, or {@code null} on timeout, after the server ended the stream, or after close
     * @throws io.walstream.ServerErrorException if the server sent an error
     * @throws io.walstream.TransportException if the connection failed
     */
    public XLogData read(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return read(timeout.toNanos());
    }

    /**
     * Returns the next XLogData; {@link #read(Duration)} without the {@code Duration}.
     *
     * @param timeoutNanos how long to wait; {@link Long#MAX_VALUE} waits without a deadline
     * @return the next XLogData, or {@code null} on timeout, after the server ended the stream, or after close
     */
    public XLogData read(long timeoutNanos) {
        rethrowTimerFailure();
        if (closing) {
            return null;
        }
        readLock.lock();
        try {
            // The clock is read only when a read may wait: a buffered message is returned without one.
            boolean bounded = timeoutNanos != Long.MAX_VALUE;
            long start = bounded && !reader.hasBuffered() ? System.nanoTime() : Long.MIN_VALUE;
            long left = timeoutNanos;
            while (!closing) {
                int kind = reader.advance(Math.max(0, left));
                if (kind < 0) {
                    checkSilence();
                    return null;
                }
                messages++;
                bytes += reader.copyDataLength() + 1;
                if (kind == 'w') {
                    XLogData x = reader.xlogData();
                    traceInbound(x);
                    positions.receivedByReader(reader.walStart());
                    if (closing) {
                        return null;
                    }
                    return x;
                }
                PrimaryKeepalive k = reader.keepalive();
                traceInbound(k);
                onKeepalive(k);
                if (bounded) {
                    if (start == Long.MIN_VALUE) {
                        start = System.nanoTime();
                    }
                    left = timeoutNanos - (System.nanoTime() - start);
                }
                if (left <= 0) {
                    return null;
                }
            }
            return null;
        } catch (WalstreamException e) {
            if (closing) {
                return null;
            }
            throw e;
        } finally {
            readLock.unlock();
        }
    }

    /** Receives the XLogData of one drained batch; see {@link #drain}. */
    @FunctionalInterface
    public interface XLogDataSink {
        /**
         * @param data the next XLogData; its payload stays valid after later reads
         * @return whether to go on with the batch
         */
        boolean accept(XLogData data);
    }

    /**
     * The push form of {@link #read(long)}, for delivery loops: waits at most {@code timeoutNanos} for the first
     * message, then hands {@code sink} every XLogData already received — without waiting again — up to
     * {@code maxMessages}; keepalives are handled on the way. The read lock is taken once per batch, and no clock
     * is read per message.
     *
     * @param sink receives each XLogData on the calling thread (with the read lock held)
     * @param timeoutNanos how long to wait for the first message
     * @param maxMessages the most XLogData to hand over in this call
     * @return the XLogData handed over; 0 if none arrived (timeout, or only keepalives); -1 once the stream is
     *         closed or the server ended it
     * @throws io.walstream.ServerErrorException if the server sent an error
     * @throws io.walstream.TransportException if the connection failed
     */
    public int drain(XLogDataSink sink, long timeoutNanos, int maxMessages) {
        rethrowTimerFailure();
        if (closing) {
            return -1;
        }
        readLock.lock();
        try {
            int n = 0;
            long wait = timeoutNanos;
            while (!closing && n < maxMessages) {
                int kind = reader.advance(wait);
                if (kind < 0) {
                    if (n == 0 && wait > 0) {
                        if (copy.isServerDone()) {
                            return -1;
                        }
                        checkSilence();
                    }
                    break;
                }
                wait = 0; // the rest of the batch: only what has already arrived
                messages++;
                bytes += reader.copyDataLength() + 1;
                if (kind == 'w') {
                    XLogData x = reader.xlogData();
                    traceInbound(x);
                    positions.receivedByReader(reader.walStart());
                    n++;
                    if (!sink.accept(x)) {
                        break;
                    }
                } else {
                    PrimaryKeepalive k = reader.keepalive();
                    traceInbound(k);
                    onKeepalive(k);
                }
            }
            return closing && n == 0 ? -1 : n;
        } catch (WalstreamException e) {
            if (closing) {
                return -1;
            }
            throw e;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Delivers to {@code handler} every XLogData that can be had with at most one read: waits up to
     * {@code timeoutNanos} for the first, then hands over the rest of what that read brought, without further
     * I/O. Nothing is allocated per message; the bookkeeping (lock, clock, received position) is done once per
     * call. Keepalives are handled on the way as by {@link #read}.
     *
     * @param handler receives each XLogData; its data range is valid only during the call; it must not call
     *        {@code read} or {@code drain}
     * @param timeoutNanos how long to wait for the first; {@link Long#MAX_VALUE} waits without a deadline
     * @return the number delivered: 0 on timeout, after the server ended the stream, or after close
     */
    public int drain(XLogDataHandler handler, long timeoutNanos) {
        Objects.requireNonNull(handler, "handler");
        rethrowTimerFailure();
        if (closing) {
            return 0;
        }
        readLock.lock();
        int n = 0;
        long lastStart = 0;
        try {
            boolean bounded = timeoutNanos != Long.MAX_VALUE;
            long start = bounded && !reader.hasBuffered() ? System.nanoTime() : Long.MIN_VALUE;
            long wait = timeoutNanos;
            while (!closing) {
                if (n > 0 && !reader.hasBuffered()) {
                    break;
                }
                int kind = reader.advance(wait);
                if (kind < 0) {
                    if (n == 0) {
                        checkSilence();
                    }
                    break;
                }
                messages++;
                bytes += reader.copyDataLength() + 1;
                if (kind == 'w') {
                    if (io.walstream.internal.WireLog.WIRE.isTraceEnabled()) {
                        traceXLogData(); // from the header fields: a payload view would stop the buffer's reuse
                    }
                    lastStart = reader.walStart();
                    n++;
                    wait = 0;
                    handler.onXLogData(lastStart, reader.walEnd(), reader.sendTimeMicros(), reader.dataArray(),
                            reader.dataOffset(), reader.dataLength());
                    continue;
                }
                if (n > 0) {
                    positions.receivedByReader(lastStart); // a reply reports what was read before the keepalive
                }
                PrimaryKeepalive k = reader.keepalive();
                traceInbound(k);
                onKeepalive(k);
                if (n == 0 && bounded) { // keepalives do not extend the wait for the first XLogData
                    if (start == Long.MIN_VALUE) {
                        start = System.nanoTime();
                    }
                    wait = Math.max(0, timeoutNanos - (System.nanoTime() - start));
                }
                if (n == 0 && wait <= 0) {
                    break;
                }
            }
            return closing ? 0 : n;
        } catch (WalstreamException e) {
            if (closing) {
                return 0;
            }
            throw e;
        } finally {
            if (n > 0) {
                positions.receivedByReader(lastStart);
            }
            readLock.unlock();
        }
    }

    /**
     * Declares that no XLogData returned by {@link #read} so far is used any more — neither it nor its payload
     * view — so the read buffer behind them may be reused instead of a fresh one being allocated. For a caller
     * that decodes each XLogData before the next read (a pgoutput decoder copies what it keeps). Reader thread.
     */
    public void releaseReadBuffers() {
        reader.release();
    }

    private void traceInbound(ReplicationMessage m) {
        if (io.walstream.internal.WireLog.WIRE.isTraceEnabled()) {
            io.walstream.internal.WireLog.copyData("<<", reader.copyDataLength(), () -> m instanceof XLogData xd
                    ? "w walStart=" + xd.walStart() + " walEnd=" + xd.walEnd() + " payload=" + xd.payload().remaining()
                    : "k walEnd=" + ((PrimaryKeepalive) m).walEnd() + " reply=" + ((PrimaryKeepalive) m).replyRequested());
        }
    }

    private void traceXLogData() {
        Lsn start = Lsn.of(reader.walStart());
        Lsn end = Lsn.of(reader.walEnd());
        int length = reader.dataLength();
        io.walstream.internal.WireLog.copyData("<<", reader.copyDataLength(),
                () -> "w walStart=" + start + " walEnd=" + end + " payload=" + length);
    }

    private void onKeepalive(PrimaryKeepalive k) {
        // Everything up to walEnd has been sent, and frames arrive in order: it is received (written).
        // With nothing acknowledged yet the server counts this write position as replicated, which is
        // what lets a fast shutdown finish instead of waiting for an idle client forever.
        positions.received(k.walEnd());
        lastKeepalive = k;
        lastKeepaliveNanos = System.nanoTime();
        Consumer<PrimaryKeepalive> listener = keepaliveListener;
        if (listener != null) {
            listener.accept(k);
        }
        if (k.replyRequested()) {
            sendStatus(false);
        }
    }

    /**
     * Sends a standby status update with the current positions now.
     *
     * @param replyRequested ask the server to answer with a keepalive at once
     */
    public void sendStatus(boolean replyRequested) {
        if (closed || copy.isClientDone()) {
            return;
        }
        sendLock.lock();
        try {
            StandbyStatusUpdate update = positions.statusUpdate(PgTime.nowMicros(), replyRequested);
            copy.send(update.encode());
            statusUpdates.incrementAndGet();
            io.walstream.internal.WireLog.copyData(">>", 38, () -> "r written=" + update.written() + " flushed="
                    + update.flushed() + " applied=" + update.applied() + " reply=" + update.replyRequested());
            if (log.isTraceEnabled()) {
                log.trace("Status update sent: written={} flushed={} applied={}", update.written(), update.flushed(),
                        update.applied());
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends hot standby feedback (physical replication only).
     *
     * @param feedback the xmin values to report
     * @throws IllegalStateException on a logical stream, where the server would apply them to the slot
     */
    public void sendHotStandbyFeedback(HotStandbyFeedback feedback) {
        if (logical) {
            throw new IllegalStateException("Hot standby feedback is for physical replication only");
        }
        sendLock.lock();
        try {
            copy.send(feedback.encode());
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Called when a read waited and nothing at all arrived. Counts silence across such waits only (a consumer
     * busy elsewhere is never mistaken for a silent server); half-way asks the server for a keepalive, at the
     * timeout fails the stream with a transient error (the client-side analogue of {@code wal_receiver_timeout}).
     */
    private void checkSilence() {
        if (receiveTimeoutNanos <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (messages != silenceMark) {
            silenceMark = messages;
            silenceSince = now;
            pinged = false;
            return;
        }
        long silent = now - silenceSince;
        if (silent >= receiveTimeoutNanos) {
            throw new io.walstream.TransportException("No message from " + connection.endpoint() + " for "
                    + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (receive timeout "
                    + Duration.ofNanos(receiveTimeoutNanos) + "): the server or the network is unresponsive");
        }
        if (!pinged && silent >= receiveTimeoutNanos / 2) {
            pinged = true;
            sendStatus(true);
        }
    }

    private void rethrowTimerFailure() {
        RuntimeException t = sender.failure();
        if (t instanceof WalstreamException w && !closing) {
            throw w;
        }
    }

    /** @return the positions reported to the server */
    public FeedbackPositions positions() {
        return positions;
    }

    /** @param listener called on the reading thread for every keepalive, before any reply; may be {@code null} */
    public void setKeepaliveListener(Consumer<PrimaryKeepalive> listener) {
        this.keepaliveListener = listener;
    }

    /** @return the last keepalive received, or {@code null} */
    public PrimaryKeepalive lastKeepalive() {
        return lastKeepalive;
    }

    /** @return {@link System#nanoTime()} when the last keepalive arrived, or 0 */
    public long lastKeepaliveNanos() {
        return lastKeepaliveNanos;
    }

    /** @return status updates sent so far */
    public long statusUpdatesSent() {
        return statusUpdates.get();
    }

    /** @return CopyData messages read (approximate from other threads) */
    public long messagesRead() {
        return messages;
    }

    /** @return bytes read, framing included (approximate from other threads) */
    public long bytesRead() {
        return bytes;
    }

    /** @return whether the server ended the stream */
    public boolean isServerDone() {
        return copy.isServerDone();
    }

    /** @return the connection */
    public PgConnection connection() {
        return connection;
    }

    /**
     * Drops the stream without the CopyDone handshake: stops the timer and closes the connection. For a
     * connection that already failed. Callable from any thread; idempotent.
     */
    public void abort() {
        closing = true;
        closed = true;
        sender.stop();
        connection.close();
    }

    /**
     * Ends the stream: a final status update, CopyDone, a bounded wait for the server to finish, then the
     * connection is closed. Callable from any thread; idempotent. It does not wait for the rest of an in-flight
     * transaction: what has not been read is discarded, and the server will resend it from the flushed position.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closing = true;
        sender.stop();
        try {
            sendStatus(false);
            copy.sendCopyDone();
        } catch (RuntimeException e) {
            log.debug("Final status update / CopyDone not sent: {}", e.toString());
        }
        boolean locked = false;
        try {
            locked = readLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (locked && !copy.isServerDone()) {
                copy.finish(CLOSE_WAIT);
            } else if (locked) {
                copy.finish(Duration.ofMillis(500));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            connection.close();
            if (locked) {
                readLock.unlock();
            }
        }
        log.info("Replication stream on {} closed; flushed {}", connection.endpoint(), positions.flushed());
    }
}
