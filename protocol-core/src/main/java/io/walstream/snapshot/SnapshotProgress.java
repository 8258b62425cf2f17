package io.walstream.snapshot;

import java.time.Duration;

/**
 * A snapshot's progress at one moment, as logged at a steady cadence and returned by
 * {@link TableSnapshot#progress()}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param tablesDone tables whose every row was handed to the handler
 * @param tablesTotal tables to copy
 * @param rows rows handed to the handler
 * @param rowsRead rows the readers decoded; {@code rowsRead - rows} is what waits for the handler, bounded by the
 *        memory budget
 * @param bytes COPY data bytes received for those rows
 * @param estimatedBytes the size of the tables to read ({@code pg_relation_size}, in whole pages), an estimate of
 *        the work; COPY bytes are usually smaller than the table on disk
 * @param elapsed time since the snapshot started
 * @param finished whether every table is done
 * @param restarted whether this snapshot replaces an unfinished earlier one of the same slot (see
 *        {@link SnapshotStart#restarted()}): a stream consumer that sees it with its first snapshot row discards
 *        what the unfinished one delivered
 */
public record SnapshotProgress(int tablesDone, int tablesTotal, long rows, long rowsRead, long bytes,
                               long estimatedBytes, Duration elapsed, boolean finished, boolean restarted) {

    /** Not a restart. */
    public SnapshotProgress(int tablesDone, int tablesTotal, long rows, long rowsRead, long bytes,
                            long estimatedBytes, Duration elapsed, boolean finished) {
        this(tablesDone, tablesTotal, rows, rowsRead, bytes, estimatedBytes, elapsed, finished, false);
    }

    /** @return rows per second so far */
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows / s;
    }

    /** @return one log line: tables, rows, bytes against the estimate, rate */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d/%d tables, %d rows, %.1f MiB read of ~%.1f MiB on disk,"
                + " %.0f rows/s, %s%s", tablesDone, tablesTotal, rows, bytes / 1048576.0, estimatedBytes / 1048576.0,
                rowsPerSecond(), elapsed, finished ? ", finished" : "")
                + (restarted ? ", restarted" : "");
    }
}
