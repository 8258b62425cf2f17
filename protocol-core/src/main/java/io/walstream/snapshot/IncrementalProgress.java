package io.walstream.snapshot;

import java.time.Duration;
import java.util.Locale;

/**
 * The progress of one table's incremental re-read ({@link IncrementalSnapshot}, a stream's
 * {@code requestSnapshot}) at one moment, as logged at the snapshot's progress cadence and carried by the stream's
 * metrics.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param table the table re-read, {@code schema.name} (a leaf when a partitioned table is published leaf by leaf)
 * @param chunkSize rows per chunk requested
 * @param chunksDone chunks whose rows were handed over (at their high watermark)
 * @param rows chunk rows handed over (a chunk row a change evicted is not counted)
 * @param state waiting behind another table, running, or done
 * @param elapsed time since the re-read's first chunk started, {@link Duration#ZERO} while it waits; frozen once done
 */
public record IncrementalProgress(String table, int chunkSize, long chunksDone, long rows, State state,
                                  Duration elapsed) {

    /** Where a requested table's re-read stands. */
    public enum State {
        /** Requested; another table is being re-read first. */
        WAITING,
        /** Its chunks are being read. */
        RUNNING,
        /** Its last chunk was handed over. */
        DONE
    }

    /** @return whether the table's last chunk was handed over */
    public boolean done() {
        return state == State.DONE;
    }

    /** @return chunk rows per second so far */
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }

    /** @return one log line: table, state, chunks, rows, rate */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s: %d chunks of %d, %d rows, %.0f rows/s, %s", table,
                state.name().toLowerCase(Locale.ROOT), chunksDone, chunkSize, rows, rowsPerSecond(), elapsed);
    }
}
