package io.walstream.conn;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Adaptive read coalescing over a transport's {@link ByteSource}: when the last read brought only a little data
 * and brought it promptly — bytes are flowing in small pieces, as from a walsender that flushes every message on
 * its own — the next read first waits up to a short window so that the kernel (or the transport's buffer)
 * gathers more, and one wake-up then delivers many messages instead of one or two.
 *
 * <p>What it promises:
 * <ul>
 *   <li>It never waits while the stream is idle: a read that had to wait longer than the window for its bytes
 *       marks the stream idle, and the read after it does not pause, so the first bytes after a pause in the
 *       traffic are delivered as soon as the transport has them.</li>
 *   <li>Bytes that arrive during a pause are delayed by at most the window; so are keepalives (a reply the
 *       server requested is sent by the reader as soon as the keepalive is read, never later than one window
 *       after it arrived).</li>
 *   <li>A read that filled its buffer (the client is behind), a poll (timeout zero) and a read on an interrupted
 *       thread never pause; a pause counts against the read's timeout.</li>
 *   <li>{@link #wake()} (called when the transport is closed) ends a pause at once, and so does an interrupt;
 *       the read that follows reports the close or the interrupt as the transport does.</li>
 *   <li>Until {@link #enable()} (the start of a replication stream) reads pass straight through.</li>
 * </ul>
 *
 * <p>It adds two clock reads per read and allocates nothing.
 *
 * <p><b>Thread safety:</b> one reader thread at a time, as any {@link ByteSource}; {@link #wake()},
 * {@link #enable()} and {@link #close()} may be called from any thread.
 */
final class CoalescingSource implements ByteSource {

    /** A read of at least this many bytes is not "a little": the next read does not pause. */
    static final int SMALL_READ = 16 * 1024;

    private final ByteSource inner;
    private final long windowNanos;
    private volatile boolean enabled;
    private volatile boolean woken;
    private volatile Thread pausing;
    /** The last read brought a little data promptly: the next one pauses first. Reader thread only. */
    private boolean flowing;
    private long pauses;

    /**
     * @param inner the transport's source
     * @param windowNanos the longest pause before a read, positive
     */
    CoalescingSource(ByteSource inner, long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("The coalescing window must be positive, got " + windowNanos + " ns");
        }
        this.inner = inner;
        this.windowNanos = windowNanos;
    }

    /** Turns coalescing on from the next read (a replication stream started). */
    void enable() {
        enabled = true;
    }

    /** Ends a pause at once and disables later ones; called when the transport closes. */
    void wake() {
        woken = true;
        Thread t = pausing;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** @return how many reads paused so far (approximate from other threads) */
    long pauses() {
        return pauses;
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        long timeout = timeoutNanos;
        if (flowing) {
            flowing = false;
            if (timeout > 0 && !woken && !Thread.currentThread().isInterrupted()) {
                long paused = pause(Math.min(windowNanos, timeout));
                if (timeout != Long.MAX_VALUE) {
                    timeout = Math.max(0, timeout - paused);
                }
            }
        }
        int space = dst.remaining();
        long start = System.nanoTime();
        int n = inner.read(dst, timeout);
        long took = System.nanoTime() - start;
        flowing = enabled && n > 0 && n < space && n < SMALL_READ && took < windowNanos;
        return n;
    }

    /** @return the nanoseconds actually paused */
    private long pause(long nanos) {
        long start = System.nanoTime();
        pausing = Thread.currentThread();
        try {
            if (!woken) {
                LockSupport.parkNanos(this, nanos); // a spurious or early return only shortens the pause
            }
        } finally {
            pausing = null;
        }
        pauses++;
        return System.nanoTime() - start;
    }

    /** Closes the transport's source, then wakes a pausing reader. */
    @Override
    public void close() throws IOException {
        try {
            inner.close();
        } finally {
            wake();
        }
    }

    @Override
    public String toString() {
        return "CoalescingSource{" + windowNanos / 1000 + " µs over " + inner + "}";
    }
}
