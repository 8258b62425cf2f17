package io.walstream.replication;

import io.walstream.Lsn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three positions a standby status update reports — received (write), flushed and applied — kept
 * monotonic (never moved backwards, compared unsigned) and safe to update from any thread.
 *
 * <p>Flushed is what the server may forget WAL before, so it only ever comes from the application's
 * acknowledgements; applied is at least flushed; received is at least both.
 *
 * <p><b>Thread safety:</b> thread-safe and lock-free; {@link #receivedByReader} from one thread only.
 */
public final class FeedbackPositions {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong flushed = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    /** Written only by the one reading thread ({@link #receivedByReader}); read opaquely by the status sender. */
    private long readerReceived;
    private long readerReceivedPlain;
    private static final VarHandle READER;

    static {
        try {
            READER = MethodHandles.lookup().findVarHandle(FeedbackPositions.class, "readerReceived", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The reading thread's form of {@link #received(Lsn)}: no compare-and-set, for every message read. Call it from
     * one thread only.
     *
     * @param lsn a position that has been received
     */
    public void receivedByReader(Lsn lsn) {
        receivedByReader(lsn.value());
    }

    /**
     * {@link #receivedByReader(Lsn)} with the position as its 64-bit value (no {@code Lsn} needed). Reading
     * thread only.
     *
     * @param v a position that has been received
     */
    public void receivedByReader(long v) {
        if (Long.compareUnsigned(v, readerReceivedPlain) > 0) {
            readerReceivedPlain = v;
            READER.setOpaque(this, v);
        }
    }

    /**
     * @param lsn a position that has been received
     */
    public void received(Lsn lsn) {
        advance(received, lsn.value());
    }

    /**
     * Acknowledges {@code lsn} as durably processed (also applied and received).
     *
     * @param lsn the position
     */
    public void flushed(Lsn lsn) {
        advance(flushed, lsn.value());
        advance(applied, lsn.value());
        advance(received, lsn.value());
    }

    /**
     * @param lsn a position that has been applied but not necessarily flushed
     */
    public void applied(Lsn lsn) {
        advance(applied, lsn.value());
        advance(received, lsn.value());
    }

    /** @return the last received position */
    public Lsn received() {
        long a = received.get();
        long b = (long) READER.getOpaque(this);
        return Lsn.of(Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    /** @return the last flushed (acknowledged) position */
    public Lsn flushed() {
        return Lsn.of(flushed.get());
    }

    /** @return the last applied position */
    public Lsn applied() {
        return Lsn.of(applied.get());
    }

    /**
     * @param clockMicros the client clock
     * @param replyRequested whether to ask the server for an immediate reply
     * @return a status update with the current positions
     */
    public StandbyStatusUpdate statusUpdate(long clockMicros, boolean replyRequested) {
        return new StandbyStatusUpdate(received(), flushed(), applied(), clockMicros, replyRequested);
    }

    private static void advance(AtomicLong cell, long value) {
        cell.accumulateAndGet(value, (cur, v) -> Long.compareUnsigned(v, cur) > 0 ? v : cur);
    }

    @Override
    public String toString() {
        return "FeedbackPositions[received=" + received() + ", flushed=" + flushed() + ", applied=" + applied() + "]";
    }
}
