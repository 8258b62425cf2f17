package io.walstream.snapshot;

import io.walstream.ServerErrorException;

/**
 * The exported snapshot could not be imported: the replication session that exported it ran another command
 * (for example {@code START_REPLICATION} started too early) or ended, so the server no longer knows it
 * ({@code SET TRANSACTION SNAPSHOT} failed, SQLSTATE in {@link #sqlState()}). Keep the creating session idle
 * until every snapshot reader has imported it; to recover, drop the slot and start over.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class SnapshotExpiredException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    SnapshotExpiredException(String snapshotName, ServerErrorException cause) {
        super("The exported snapshot " + snapshotName + " can no longer be imported (the replication session that"
                + " exported it ran another command or ended): " + cause.getMessage(), null, cause);
    }
}
