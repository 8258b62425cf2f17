package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.PrimaryKeepalive;
import io.walstream.replication.StartReplicationCommand;
import io.walstream.replication.StreamingMode;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.replication.XLogDataHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one delivery loop behind every way of consuming a {@link LogicalReplicationStream}: read → decode → commit
 * ledger → event, and around each handler call the same order — the handler, then the acknowledgement of a
 * transaction it finished (per {@link FlushMode}), then a {@link #close()} the handler asked for. Pull APIs use
 * {@link #poll}; push APIs bracket their handler calls with {@link #enterDelivery()}, {@link #afterHandler} and
 * {@link #exitDelivery()}.
 *
 * <p>Per message the loop takes no lock, does no compare-and-set and reads no clock; the counters it keeps are
 * plain fields, approximate when read from other threads.
 *
 * <p><b>Thread safety:</b> one consuming thread; {@link #close()}, {@link #acknowledge} and the accessors may
 * be called from any thread.
 */
final class DeliveryLoop {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final ReplicationConfig config;
    private final SessionSupervisor supervisor;
    private final FeedbackPositions positions;
    private final CommitLedger ledger = new CommitLedger();
    private final RelationCache relations = new RelationCache();
    private final EventFactory events = new EventFactory(relations);
    /** Set once the consuming API is known: events it does not accept are acknowledged, not delivered. */
    private volatile EventFilter filter;
    /** Whether the consumer keeps only events (never the XLogData), so the read buffer may be reused at once. */
    private volatile boolean eventsOnly;
    private final boolean acknowledgeOnCommit;
    private final Lsn stopAt;

    private volatile WalStream stream;
    private PgOutputDecoder decoder;
    private volatile long session;

    private volatile boolean closed;
    private volatile boolean ended;
    private Lsn pendingAck;
    private RuntimeException handlerFailure;
    /** The acknowledgement point of the last transaction delivered, or {@code null}; reading thread only. */
    private Lsn lastDeliveredAck;
    private volatile Thread handlerThread;
    private boolean closeDeferred;
    private volatile Runnable closeAction = () -> { };

    private long delivered;
    private long bytesBefore;
    /** The highest WAL end seen (XLogData or keepalive); written by the reading thread, read opaquely. */
    private long serverWalEnd;
    private static final java.lang.invoke.VarHandle WAL_END;

    static {
        try {
            WAL_END = java.lang.invoke.MethodHandles.lookup().findVarHandle(DeliveryLoop.class, "serverWalEnd",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile Instant lastKeepalive;

    DeliveryLoop(ReplicationConfig config, SessionSupervisor supervisor, FeedbackPositions positions) {
        this.config = config;
        this.supervisor = supervisor;
        this.positions = positions;
        this.acknowledgeOnCommit = config.flushMode() != FlushMode.MANUAL;
        this.stopAt = config.stopAt();
        if (config.strictUtf8()) {
            relations.utf8Policy(io.walstream.pgoutput.Utf8Policy.strict());
        }
    }

    /**
     * Declares that the consumer keeps only the events handed out (next/forEach/publisher), never the XLogData:
     * events hold copies, so the read buffer can be reused right after decoding.
     *
     * @param f the filter for the events handed out from now on ({@code null}: every event)
     */
    void eventsOnly(EventFilter f) {
        this.filter = f;
        this.eventsOnly = true;
    }

    /** @param action what {@link #close()} does after the loop's own part (the facade's resources) */
    void onClose(Runnable action) {
        this.closeAction = action;
    }

    // --- sessions ------------------------------------------------------------------------------------

    /** Installs a freshly started session. */
    void begin(WalStream s) {
        int proto = StartReplicationCommand.effectiveProtoVersion(config.start(), s.connection().serverVersion());
        decoder = PgOutputDecoder.builder(proto)
                .parallelStreaming(config.start().streaming() == StreamingMode.PARALLEL)
                .utf8Policy(relations.utf8Policy()).build(); // names: same policy and counters as values
        s.setKeepaliveListener(this::onKeepalive);
        ledger.newSession();
        relations.clear(); // the walsender resends Relation messages in every session
        session++;
        stream = s;
        if (closed) {
            s.close(); // close() ran while this session was starting: it could not see it
        }
    }

    boolean hasSession() {
        return stream != null;
    }

    long session() {
        return session;
    }

    /** The position to resume from: the start option or what was acknowledged, whichever is later. */
    Lsn resumeFrom() {
        return Lsn.max(config.start().startLsn(), positions.flushed());
    }

    // --- reading -------------------------------------------------------------------------------------

    /**
     * Reads until there is a message to deliver; acknowledges nothing.
     *
     * @param timeoutNanos how long to wait when nothing arrives
     * @param raw leave the changes I U D T M undecoded (no event)
     * @param reportDuplicates return the Stream Commit / Stream Prepare of a streamed transaction already
     *        delivered before a reconnect (flagged) instead of dropping it silently
     * @return the message, or {@code null} on timeout, at {@code stopAt}, or after close
     */
    Polled poll(long timeoutNanos, boolean raw, boolean reportDuplicates) {
        long wait = timeoutNanos;
        long deadline = 0;
        while (true) {
            if (ended || closed) {
                return null;
            }
            WalStream s = stream;
            XLogData x;
            try {
                x = s.read(wait);
                if (x == null && s.isServerDone() && !closed) {
                    throw new ConnectionClosedException("The server ended the replication stream");
                }
            } catch (WalstreamException e) {
                if (closed) {
                    return null;
                }
                recover(s, e);
                continue;
            }
            if (x == null) {
                return null;
            }
            Polled p = accept(x, raw, reportDuplicates);
            if (p != null) {
                return p;
            }
            // Skipped (delivered before a reconnect, or filtered out): keep reading within the caller's timeout.
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + timeoutNanos;
            }
            wait = Math.max(0, deadline - now);
        }
    }

    /** How many XLogData one push batch takes at most before looking at close/stopAt again. */
    private static final int BATCH = 256;

    /**
     * The push loop of forEach: drains batches from the stream and runs, per delivered message, the handler, the
     * acknowledgement and a close the handler asked for — no lock, compare-and-set, clock read, {@link Polled} or
     * XLogData per message (the stream takes its read lock once per batch; the WAL end seen is published once per
     * batch). Returns when the stream is closed or {@code stopAt} is reached; an exception from the handler ends
     * it, unacknowledged, and leaves the rest of the batch unread.
     *
     * @param handler the consumer's handler
     * @param waitNanos how long one batch waits for its first message
     */
    void pushEvents(java.util.function.Consumer<? super ReplicationEvent> handler, long waitNanos) {
        pushDecoded(new EventPush(java.util.Objects.requireNonNull(handler, "handler")), waitNanos);
    }

    /**
     * forEachRaw's push: like {@link #pushEvents}, from {@link WalStream#drain(XLogDataHandler, long)}, without a
     * {@link Polled} per message; each {@link RawEvent} owns a copy of its payload.
     *
     * @param handler the consumer's handler
     * @param waitNanos how long one batch waits for its first message
     */
    void pushRawEvents(java.util.function.Consumer<? super RawEvent> handler, long waitNanos) {
        pushDecoded(new RawPush(java.util.Objects.requireNonNull(handler, "handler")), waitNanos);
    }

    private void pushDecoded(BatchPush batch, long waitNanos) {
        acknowledgeDelivered();
        enterDelivery();
        try {
            while (!ended && !closed) {
                WalStream s = stream;
                try {
                    batch.beforeBatch();
                    int n = s.drain(batch, waitNanos);
                    publishWalEnd(batch.walEnd);
                    if (n == 0 && !closed && s.isServerDone()) {
                        throw new ConnectionClosedException("The server ended the replication stream");
                    }
                } catch (HandlerFailed e) {
                    publishWalEnd(batch.walEnd);
                    handlerFailure = e.handlerException;
                    throw e.handlerException;
                } catch (WalstreamException e) {
                    if (closed) {
                        return;
                    }
                    recover(s, e);
                }
            }
        } finally {
            exitDelivery();
        }
    }

    /**
     * Carries a handler's exception out of {@link WalStream#drain} untouched (the stream treats its own
     * exceptions differently while closing), leaving the rest of the batch buffered for a later read.
     */
    private static final class HandlerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RuntimeException handlerException;

        HandlerFailed(RuntimeException handlerException) {
            super(null, null, false, false);
            this.handlerException = handlerException;
        }
    }

    /**
     * One decoded push: decodes each message straight from the read buffer (the decoder copies only what the
     * message keeps), tracks it in the commit ledger, binds its rows and hands the event to the handler. The
     * messages of a batch after {@code stopAt} or a close are read but not delivered (the stream ends there).
     */
    private abstract static class BatchPush implements XLogDataHandler {
        /** The highest WAL end of the batch, published once per batch. */
        long walEnd;

        /** Called before each batch. */
        void beforeBatch() {
        }
    }

    /**
     * One raw push (forEachRaw): changes stay undecoded (the stream-block state and the ledger's skipping say all
     * a raw event needs), every other message is decoded for the ledger and the relation cache; the handler gets a
     * {@link RawEvent} whose XLogData owns a copy of the payload (it may be kept after the handler returns).
     */
    private final class RawPush extends BatchPush {
        private final java.util.function.Consumer<? super RawEvent> handler;

        RawPush(java.util.function.Consumer<? super RawEvent> handler) {
            this.handler = handler;
        }

        @Override
        public void onXLogData(long walStart, long walEnd, long sendTimeMicros, byte[] data, int offset,
                               int length) {
            if (Long.compareUnsigned(walEnd, this.walEnd) > 0) {
                this.walEnd = walEnd;
            }
            if (ended || closed) {
                return;
            }
            int tag = length > 0 ? data[offset] & 0xFF : -1;
            Lsn ackPoint;
            boolean streamXid;
            if (isChange(tag)) {
                streamXid = decoder.inStreamBlock();
                ackPoint = ledger.isSkipping() ? CommitLedger.SKIP : null;
            } else {
                PgOutputMessage m = decoder.decode(data, offset, length);
                relations.accept(m);
                streamXid = m.streamXid().isPresent();
                ackPoint = ledger.track(m);
            }
            if (ackPoint == CommitLedger.SKIP) {
                return; // delivered before a reconnect
            }
            XLogData x = XLogData.ofOwned(walStart, walEnd, sendTimeMicros,
                    java.util.Arrays.copyOfRange(data, offset, offset + length));
            RawEvent event = new RawEvent(x, (char) tag, streamXid, ackPoint);
            delivered++;
            if (ackPoint != null) {
                noteAckPoint(ackPoint);
            }
            boolean handled = false;
            try {
                handler.accept(event);
                handled = true;
            } catch (RuntimeException e) {
                throw new HandlerFailed(e);
            } finally {
                afterHandler(handled);
            }
        }
    }

    private final class EventPush extends BatchPush {
        private final java.util.function.Consumer<? super ReplicationEvent> eventHandler;
        EventFilter filter;

        @Override
        void beforeBatch() {
            EventFilter f = DeliveryLoop.this.filter;
            filter = f == null || f.acceptsAll() ? null : f;
        }

        EventPush(java.util.function.Consumer<? super ReplicationEvent> eventHandler) {
            this.eventHandler = eventHandler;
        }

        @Override
        public void onXLogData(long walStart, long walEnd, long sendTimeMicros, byte[] data, int offset,
                               int length) {
            if (Long.compareUnsigned(walEnd, this.walEnd) > 0) {
                this.walEnd = walEnd;
            }
            if (ended || closed) {
                return;
            }
            PgOutputMessage m = decoder.decode(data, offset, length);
            int tag = data[offset];
            Lsn ackPoint;
            if (isChange(tag)) { // the ledger returns nothing else for a change: skip its instanceof chain
                ackPoint = ledger.isSkipping() ? CommitLedger.SKIP : null;
            } else {
                relations.accept(m);
                ackPoint = ledger.track(m);
            }
            if (ackPoint == CommitLedger.SKIP) {
                return; // delivered before a reconnect
            }
            // A walsender's logical XLogData carries the same position as start and end: one Lsn for both.
            Lsn start = Lsn.of(walStart);
            ReplicationEvent event = events.create(m, start, walEnd == walStart ? start : Lsn.of(walEnd),
                    sendTimeMicros);
            delivered++;
            if (ackPoint != null) {
                noteAckPoint(ackPoint);
            }
            EventFilter f = filter;
            if (f != null && !f.accepts(event)) {
                if (ackPoint != null) {
                    acknowledgeDelivered(); // filtered out: acknowledged as if the consumer had seen it
                }
                return;
            }
            boolean handled = false;
            try {
                eventHandler.accept(event);
                handled = true;
            } catch (RuntimeException e) {
                throw new HandlerFailed(e);
            } finally {
                afterHandler(handled);
            }
        }
    }

    /** @return the last exception a push handler threw (not a failure of the stream), or {@code null} */
    RuntimeException handlerFailure() {
        return handlerFailure;
    }

    private Polled accept(XLogData x, boolean raw, boolean reportDuplicates) {
        noteWalEnd(x.walEnd().value());
        int tag = x.payloadLength() > 0 ? x.payloadByte(0) & 0xFF : -1; // no payload view needed
        PgOutputMessage m = null;
        Lsn ackPoint;
        boolean streamXid;
        if (raw && isChange(tag)) {
            streamXid = decoder.inStreamBlock();
            ackPoint = ledger.isSkipping() ? CommitLedger.SKIP : null;
        } else {
            m = decoder.decodeOwned(x.copyPayload()); // one copy, which the message's tuples share
            relations.accept(m);
            streamXid = m.streamXid().isPresent();
            ackPoint = ledger.track(m);
        }
        if (ackPoint == CommitLedger.SKIP) {
            if (reportDuplicates && (m instanceof StreamCommit || m instanceof StreamPrepare)) {
                return new Polled(x, m, null, null, true, false);
            }
            return null;
        }
        ReplicationEvent event = raw ? null : event(m, x);
        if (event != null && eventsOnly) {
            stream.releaseReadBuffers(); // the decoder copied what it keeps: the read buffer may be reused
        }
        delivered++;
        if (ackPoint != null) {
            noteAckPoint(ackPoint);
        }
        EventFilter f = filter;
        if (event != null && f != null && !f.accepts(event)) {
            if (ackPoint != null) {
                acknowledgeDelivered(); // filtered out: acknowledged as if the consumer had seen it
            }
            return null;
        }
        return new Polled(x, m, event, ackPoint, false, streamXid);
    }

    /**
     * The one place where events are created: a decoded message with its rows bound through the relation cache.
     *
     * @param m the decoded message
     * @param x the XLogData that carried it
     * @return the event
     */
    ReplicationEvent event(PgOutputMessage m, XLogData x) {
        Lsn start = x.walStart(); // XLogData keeps longs: one Lsn for both when equal, as a walsender sends them
        return events.create(m, start, x.walEndLong() == x.walStartLong() ? start : x.walEnd(), x.sendTimeMicros());
    }

    /** A commit-like message is being delivered: it is the next to acknowledge, and may reach stopAt. */
    private void noteAckPoint(Lsn ackPoint) {
        lastDeliveredAck = ackPoint;
        if (acknowledgeOnCommit) {
            pendingAck = ackPoint;
        }
        if (stopAt != null && !ackPoint.isBefore(stopAt)) {
            ended = true;
            log.info("Reached stopAt {} with the transaction ending at {}", stopAt, ackPoint);
        }
    }

    private void publishWalEnd(long v) {
        if (v != 0) {
            noteWalEnd(v);
        }
    }

    /** Single writer (the reading thread): a plain compare, an opaque store, no fence. */
    private void noteWalEnd(long v) {
        if (Long.compareUnsigned(v, serverWalEnd) > 0) {
            WAL_END.setOpaque(this, v);
        }
    }

    private static boolean isChange(int tag) {
        return tag == Insert.TAG || tag == Update.TAG || tag == Delete.TAG || tag == Truncate.TAG
                || tag == LogicalMessage.TAG;
    }

    private void onKeepalive(PrimaryKeepalive k) {
        Lsn end = k.walEnd();
        noteWalEnd(end.value());
        lastKeepalive = Instant.now();
        boolean idle = ledger.isIdle() && pendingAck == null;
        if (idle && config.flushMode() == FlushMode.ON_COMMIT_AND_IDLE && end.isValid()) {
            positions.flushed(end);
        } else if (idle && k.replyRequested() && end.isValid() && allDeliveredAcknowledged()) {
            // The server asks for a reply (as a walsender does at shutdown, until the client reports everything
            // sent as replicated): with no transaction open and every delivered one acknowledged, nothing up to
            // its WAL end is left for this stream, so that end is flushed. Without this a stream that once
            // acknowledged a transaction would hold a fast shutdown forever after unrelated WAL.
            positions.flushed(end);
        }
        if (idle && stopAt != null && !end.isBefore(stopAt)) {
            ended = true;
        }
    }

    private boolean allDeliveredAcknowledged() {
        Lsn last = lastDeliveredAck;
        return last != null && !positions.flushed().isBefore(last);
    }

    private void recover(WalStream failed, WalstreamException e) {
        abort(failed);
        WalStream next = supervisor.reconnect(e, this::resumeFrom, () -> closed);
        if (next == null) {
            return; // closed meanwhile
        }
        begin(next);
        log.warn("Resumed slot \"{}\" from {}", config.start().slotName(), positions.flushed());
    }

    private void abort(WalStream s) {
        if (s != null) {
            bytesBefore += s.bytesRead();
            s.abort();
        }
    }

    // --- acknowledging and handlers ------------------------------------------------------------------

    /** Acknowledges (per the flush mode) the last transaction end returned, if not done yet. */
    void acknowledgeDelivered() {
        Lsn ack = pendingAck;
        if (ack != null) {
            pendingAck = null;
            positions.flushed(ack);
        }
    }

    /** The calling thread runs handlers from now on: a close from inside one waits until it returned. */
    void enterDelivery() {
        handlerThread = Thread.currentThread();
    }

    /**
     * After one handler call: acknowledge if it returned normally, then carry out a close it asked for.
     *
     * @param handled whether the handler returned normally
     */
    void afterHandler(boolean handled) {
        if (handled) {
            acknowledgeDelivered();
        }
        if (closeDeferred) {
            closeDeferred = false;
            closeNow();
        }
    }

    /** The handler loop ended (also by an exception): carries out a pending close. */
    void exitDelivery() {
        handlerThread = null;
        if (closeDeferred) {
            closeDeferred = false;
            closeNow();
        }
    }

    // --- state -----------------------------------------------------------------------------------------

    boolean isEnded() {
        return ended;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isFinished() {
        return ended || closed;
    }

    RelationCache relations() {
        return relations;
    }

    StreamMetrics metrics() {
        WalStream s = stream;
        Lsn flushed = positions.flushed();
        Lsn end = Lsn.of((long) WAL_END.getOpaque(this));
        long lag = end.isValid() && flushed.isValid() && end.isAfter(flushed) ? end.value() - flushed.value() : 0;
        return new StreamMetrics(positions.received(), flushed, positions.applied(), end, lag, delivered,
                bytesBefore + (s == null ? 0 : s.bytesRead()), supervisor.reconnects(), lastKeepalive);
    }

    /**
     * Stops: from inside a handler only after that handler returned and its transaction was acknowledged;
     * otherwise at once (the final status update then reports what was acknowledged so far).
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == handlerThread) {
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
        closeAction.run();
    }
}
