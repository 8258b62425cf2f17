package io.walstream.cli;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.Transaction;
import io.walstream.TransactionStream;
import java.time.Duration;

/**
 * Reads whole transactions and writes each in full: a stop request (SIGINT, SIGTERM, the demo's duration) is
 * honoured between transactions, so output never ends inside one. A transaction is acknowledged to the server
 * once its output is flushed (stdout) or fsynced (file, every {@code fsyncInterval}); at the end the output is
 * synced, the last written transaction acknowledged and the stream closed, which sends the final status update.
 * The slot's {@code confirmed_flush_lsn} then equals the end of the last transaction written.
 *
 * <p><b>Thread safety:</b> runs on one thread.
 */
final class StreamLoop {
    private static final Duration POLL = Duration.ofMillis(200);

    private final LogicalReplicationStream stream;
    private final ChangeOutput output;
    private final OutputTarget target;
    private final StopSignal stop;
    private final boolean acknowledge;
    private final Duration fsyncInterval;
    private final Counters counters;
    private Progress progress;
    private long lastSyncNanos = System.nanoTime();

    StreamLoop(LogicalReplicationStream stream, ChangeOutput output, OutputTarget target, StopSignal stop,
               boolean acknowledge, Duration fsyncInterval, Counters counters) {
        this.stream = stream;
        this.output = output;
        this.target = target;
        this.stop = stop;
        this.acknowledge = acknowledge;
        this.fsyncInterval = fsyncInterval;
        this.counters = counters;
    }

    /** Writes each transaction with the in-place progress line cleared (both on the terminal). */
    StreamLoop withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * Streams until a stop is requested, {@code --endpos} is reached or the reader of stdout is gone (EPIPE, see
     * {@link OutputTarget#readerGone()}); closes the stream.
     */
    void run() {
        try {
            loop();
        } catch (RuntimeException e) {
            if (!target.readerGone()) {
                throw e;
            }
            // the reader of stdout is gone (EPIPE): stop quietly; only whole transactions flushed before count
        } finally {
            try {
                if (target.readerGone() && !target.isFile()) {
                    acknowledge(counters.lastWrittenEnd); // each of these was flushed whole before the failure
                }
            } finally {
                stream.close(); // sends the final status update with the acknowledged position
            }
        }
    }

    private void loop() {
        TransactionStream transactions = stream.transactions();
        while (!stop.requested() && !stream.isEnded()) {
            Transaction t = transactions.next(POLL);
            if (t == null) {
                counters.idle();
                maybeSync(false);
                continue;
            }
            int[] written = new int[1];
            Runnable write = () -> {
                written[0] = output.write(t, stream.relations());
                output.flush();
                target.flush();
            };
            if (progress != null) {
                progress.whileCleared(write);
            } else {
                write.run();
            }
            boolean acked = t.kind() != Transaction.Kind.MESSAGE;
            counters.wrote(written[0], acked ? t.endLsn() : null, t.commitTime());
            if (!target.isFile()) {
                acknowledge(counters.lastWrittenEnd);
            } else {
                maybeSync(fsyncInterval.isZero());
            }
        }
        output.flush();
        target.sync();
        acknowledge(counters.lastWrittenEnd);
    }

    private void maybeSync(boolean now) {
        if (!target.isFile()) {
            return;
        }
        if (now || System.nanoTime() - lastSyncNanos >= fsyncInterval.toNanos()) {
            target.sync();
            lastSyncNanos = System.nanoTime();
            acknowledge(counters.lastWrittenEnd);
        }
    }

    private void acknowledge(Lsn end) {
        if (acknowledge && end.isValid()) {
            stream.acknowledge(end);
            counters.lastAcknowledged = end;
        }
    }
}
