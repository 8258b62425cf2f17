package io.walstream.snapshot;

/**
 * Receives a snapshot's rows, on the thread that called {@link TableSnapshot#run} (or
 * {@link InitialSnapshot#run}), one at a time. Rows of one table arrive in no particular order and interleaved
 * with other tables' rows. A handler that is slow makes the readers wait (memory stays bounded); one that throws
 * ends the snapshot with that exception.
 *
 * <p><b>Thread safety:</b> called from one thread only.
 */
@FunctionalInterface
public interface SnapshotHandler {

    /**
     * @param row the next row
     */
    void onRow(SnapshotRow row);

    /**
     * Called once, before the first row.
     *
     * @param start the tables to copy, and whether this replaces an unfinished earlier snapshot
     */
    default void onStart(SnapshotStart start) {
    }

    /**
     * Called after the last row of a table.
     *
     * @param table the table
     * @param rows how many rows it had
     */
    default void onTableDone(SnapshotTable table, long rows) {
    }
}
