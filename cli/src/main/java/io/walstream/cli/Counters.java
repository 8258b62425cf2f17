package io.walstream.cli;

import io.walstream.Lsn;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the streaming loop has written so far; read by the progress line and the summary.
 *
 * <p><b>Thread safety:</b> written by the streaming thread, read from any thread.
 */
final class Counters {
    final AtomicLong changes = new AtomicLong();
    final AtomicLong transactions = new AtomicLong();
    final long startNanos = System.nanoTime();
    final long startWallMillis = System.currentTimeMillis();
    volatile Lsn lastWrittenEnd = Lsn.INVALID;
    volatile Lsn lastAcknowledged = Lsn.INVALID;
    volatile Instant lastCommitTime;
    volatile long firstChangeNanos;
    /** When the streaming loop last found nothing to read (see {@link Lag}). */
    volatile Instant lastIdle;

    void idle() {
        lastIdle = Instant.now();
    }

    void wrote(int changeCount, Lsn end, Instant commitTime) {
        if (changeCount > 0 && firstChangeNanos == 0) {
            firstChangeNanos = System.nanoTime();
        }
        changes.addAndGet(changeCount);
        if (end != null && end.isValid()) {
            transactions.incrementAndGet();
            lastWrittenEnd = end;
            lastCommitTime = commitTime;
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
