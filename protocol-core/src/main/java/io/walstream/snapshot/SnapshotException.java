package io.walstream.snapshot;

import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;

/**
 * A table snapshot failed. Subtypes name the causes a user can act on: {@link SnapshotExpiredException},
 * {@link SnapshotPermissionException}, {@link SnapshotTableDroppedException}; other server errors arrive as this
 * type with the {@link ServerErrorException} as cause. The snapshot is then incomplete: rows already delivered do
 * not make a consistent copy, so start over (see {@link InitialSnapshot} for the documented restart).
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class SnapshotException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * @param message what failed, with the facts
     * @param table the table being read ({@code schema.name}), or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public SnapshotException(String message, String table, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /** @return the table being read when it failed ({@code schema.name}), or {@code null} */
    public String table() {
        return table;
    }

    /** @return the SQLSTATE of the server error behind this failure, or {@code null} */
    public String sqlState() {
        return getCause() instanceof ServerErrorException e ? e.sqlState() : null;
    }

    /**
     * Classifies a server error met while reading {@code table}.
     *
     * @param e the server error
     * @param table the table ({@code schema.name}) or {@code null} while importing the snapshot
     * @param snapshotName the snapshot being imported
     * @return the typed snapshot failure
     */
    static SnapshotException from(ServerErrorException e, String table, String snapshotName) {
        String state = e.sqlState();
        if (table == null && ("22023".equals(state) || "42704".equals(state) || "0A000".equals(state)
                || "55000".equals(state))) {
            return new SnapshotExpiredException(snapshotName, e);
        }
        if ("42501".equals(state)) {
            return new SnapshotPermissionException(table, e);
        }
        if ("42P01".equals(state) || "3F000".equals(state)) {
            return new SnapshotTableDroppedException(table, e);
        }
        return new SnapshotException("Snapshot read of " + (table == null ? "the exported snapshot" : table)
                + " failed: " + e.getMessage(), table, e);
    }
}
