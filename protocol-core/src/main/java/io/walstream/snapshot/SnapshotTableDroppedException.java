package io.walstream.snapshot;

import io.walstream.ServerErrorException;

/**
 * A published table was dropped (or renamed) after the snapshot was taken and before it was read, so its rows
 * as of the snapshot can no longer be read (SQLSTATE 42P01). The snapshot is incomplete; start over.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class SnapshotTableDroppedException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    SnapshotTableDroppedException(String table, ServerErrorException cause) {
        super("Table " + table + " was dropped or renamed during the snapshot: " + cause.getMessage(), table, cause);
    }
}
