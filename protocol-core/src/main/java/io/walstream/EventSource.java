package io.walstream;

import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.replication.XLogData;

/**
 * What the consumer adapters ({@link StreamPublisher}, {@link TransactionStream}) need from a
 * {@link LogicalReplicationStream}; a small seam so that they can be tested against a fake.
 *
 * <p><b>Thread safety:</b> {@link #poll}, {@link #acknowledgeDelivered()}, the delivery brackets and
 * {@link #session()} from the one consuming thread; {@link #isFinished()} and {@link #close()} from any thread.
 */
interface EventSource {

    /**
     * Claims the source for the caller's consumer.
     *
     * @throws IllegalStateException if it is already consumed (by another way of consuming, or another subscriber)
     */
    void claim();

    /**
     * Reads until there is a message to deliver; acknowledges nothing.
     *
     * @param timeoutNanos how long to wait
     * @return the message, or {@code null} on timeout, at the end ({@link #isFinished()}), or after close
     */
    Polled poll(long timeoutNanos);

    /** Acknowledges (per the flush mode) the last commit-like message returned, if not done yet. */
    void acknowledgeDelivered();

    /**
     * The calling thread runs the consumer's handlers from now on: a {@link #close()} from inside a handler is
     * carried out only after that handler returned and its transaction was acknowledged.
     */
    default void enterDelivery() {
    }

    /**
     * After one handler call: acknowledges if the handler returned normally, then carries out a close it asked
     * for.
     *
     * @param handled whether the handler returned normally
     */
    default void afterHandler(boolean handled) {
        if (handled) {
            acknowledgeDelivered();
        }
    }

    /** The handler loop ended (normally or not): carries out a close still pending. */
    default void exitDelivery() {
    }

    /** @return whether no more messages will come: {@code stopAt} was reached or the stream was closed */
    boolean isFinished();

    /**
     * @return a number that changes whenever the server starts sending again from the flushed position (a
     *         reconnect): everything partially received before must then be discarded, as it is sent again
     */
    long session();

    /** Closes the underlying stream. */
    void close();

    /**
     * One message read by {@link #poll}.
     *
     * @param data the XLogData that carried it; its payload stays valid after later reads
     * @param message the decoded message, or {@code null} for a change left undecoded in raw mode
     * @param event the event with bound rows, or {@code null} (raw mode, duplicates)
     * @param ackPoint for a commit-like message, the position acknowledged for it; else {@code null}
     * @param duplicate a Stream Commit / Stream Prepare of a streamed transaction delivered before a reconnect:
     *        its chunks, received again in this session, must be discarded, and it is not delivered
     * @param streamXid whether the message carried the leading streaming xid (it arrived inside a stream block)
     */
    record Polled(XLogData data, PgOutputMessage message, ReplicationEvent event, Lsn ackPoint, boolean duplicate,
                  boolean streamXid) {
    }
}
