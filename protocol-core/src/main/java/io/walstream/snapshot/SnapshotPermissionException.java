package io.walstream.snapshot;

import io.walstream.ServerErrorException;

/**
 * The snapshot reader's role may not read a published table (SQLSTATE 42501): grant it {@code SELECT} on the
 * table named by {@link #table()}.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class SnapshotPermissionException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    SnapshotPermissionException(String table, ServerErrorException cause) {
        super("The snapshot reader may not read " + table + " (grant SELECT on it): " + cause.getMessage(), table,
                cause);
    }
}
