package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.conn.PgConnection;
import io.walstream.replication.WalStream;
import java.util.function.Consumer;

/**
 * A stream's way from its first connection to streaming, and what a permanent failure does to it: the connection
 * {@link LogicalReplicationStream#open} made waits here until the first read or {@link #start()} starts the first
 * session on it through the {@link SessionSupervisor}; a failure that ends the stream (the policy gave up, or it
 * was permanent) is latched, so that every later call rethrows it instead of starting on a released connection.
 * A handler's own exception and anything after {@link DeliveryLoop#close()} fail nothing.
 *
 * <p><b>Thread safety:</b> {@link #start()} is synchronized; {@link #poll} and {@link #push} run on the one
 * consuming thread; {@link #release()} may be called from any thread.
 */
final class StreamLifecycle {

    private final SessionSupervisor supervisor;
    private final DeliveryLoop loop;
    private volatile PgConnection pending;
    private volatile WalstreamException failure;
    private final StreamSnapshots snapshots;

    /**
     * @param supervisor starts sessions
     * @param loop the stream's delivery loop
     * @param first the connection to start the first session on
     * @param snapshots the stream-level snapshots: their rows come before (initial) or among (incremental) the
     *        stream's events
     */
    StreamLifecycle(SessionSupervisor supervisor, DeliveryLoop loop, PgConnection first, StreamSnapshots snapshots) {
        this.supervisor = supervisor;
        this.loop = loop;
        this.pending = first;
        this.snapshots = snapshots;
    }

    /** @return the connection not yet streaming, or {@code null} once started or released */
    PgConnection pending() {
        return pending;
    }

    /** Starts the first session if not done yet; see {@link LogicalReplicationStream#start()}. */
    synchronized void start() {
        if (failure != null) {
            throw failure; // failed permanently: stays failed, never starts on a released connection
        }
        if (loop.hasSession() || loop.isClosed()) {
            return;
        }
        snapshots.checkStart();
        PgConnection conn = pending;
        pending = null;
        try {
            WalStream s = supervisor.startFirst(conn, loop.resumeFrom(), loop::isClosed);
            if (s != null) {
                loop.begin(s);
            }
        } catch (WalstreamException e) {
            latch(e);
            throw e;
        }
    }

    /**
     * Rethrows a latched failure, else starts the first session if needed.
     *
     * @return whether there is a session to read from ({@code false}: closed while starting)
     */
    private boolean ready() {
        WalstreamException failed = failure;
        if (failed != null) {
            throw failed; // failed permanently: every later call reports it, nothing reconnects
        }
        if (!loop.hasSession()) {
            start();
        }
        return loop.hasSession();
    }

    /** {@link DeliveryLoop#poll}, after starting if needed; {@code null} if closed while starting. */
    Polled poll(long timeoutNanos, boolean raw, boolean reportDuplicates) {
        if (snapshots.passThrough()) {
            Polled p = pollStream(timeoutNanos, raw, reportDuplicates); // no snapshot: no lambda per read
            // requestSnapshot from another thread while this read waited: the message may be its watermark
            return p == null || snapshots.passThrough() ? p : snapshots.lateRead(p);
        }
        return snapshots.poll(timeoutNanos, raw, t -> pollStream(t, raw, reportDuplicates));
    }

    private Polled pollStream(long timeoutNanos, boolean raw, boolean reportDuplicates) {
        if (!ready()) {
            return null;
        }
        try {
            return loop.poll(timeoutNanos, raw, reportDuplicates);
        } catch (WalstreamException e) {
            latch(e);
            throw e;
        }
    }

    /**
     * {@link DeliveryLoop#pushEvents}, after starting if needed: forEach's push, which hands each event to the
     * handler without a {@link Polled} around it; the handler's own exception is not latched.
     */
    void pushEvents(Consumer<? super ReplicationEvent> handler, long waitNanos) {
        WalstreamException failed = failure;
        if (failed != null) {
            throw failed;
        }
        Consumer<ReplicationEvent> delivered = snapshots.pushEvents(handler); // initial snapshot rows first
        if (ready()) {
            latchingStreamFailures(() -> loop.pushEvents(delivered, waitNanos));
        }
    }

    /**
     * {@link DeliveryLoop#pushRawEvents}, after starting if needed: forEachRaw's push, without a {@link Polled} per
     * message; the handler's own exception is not latched.
     */
    void pushRaw(Consumer<? super RawEvent> handler, long waitNanos) {
        WalstreamException failed = failure;
        if (failed != null) {
            throw failed;
        }
        snapshots.push(true, p -> handler.accept(RawEvent.of(p))); // initial snapshot rows first; raw events
        // themselves never pass through an incremental snapshot (they carry no event), so its wrapper is not needed
        if (ready()) {
            latchingStreamFailures(() -> loop.pushRawEvents(handler, waitNanos));
        }
    }

    /** Runs a push loop; a failure of the stream is latched, the handler's own exception is not. */
    private void latchingStreamFailures(Runnable push) {
        try {
            push.run();
        } catch (WalstreamException e) {
            if (e != loop.handlerFailure()) {
                latch(e);
            }
            throw e;
        }
    }

    private void latch(WalstreamException e) {
        if (!loop.isClosed()) {
            failure = e;
        }
    }

    /** Closes the connection that never started streaming, if any. */
    void release() {
        snapshots.close();
        PgConnection p = pending;
        if (p != null) {
            p.close();
        }
    }
}
