package io.walstream.conn;

/**
 * What {@code CREATE_REPLICATION_SLOT ... LOGICAL} does with the snapshot at the slot's consistent point.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum SnapshotAction {
    /**
     * Export it: its name is returned and stays importable with {@code SET TRANSACTION SNAPSHOT} until the next
     * command on the creating connection. Must not be run inside a transaction block. The server's default.
     */
    EXPORT("export", "EXPORT_SNAPSHOT"),
    /**
     * Use it in the current transaction, which must be a {@code REPEATABLE READ READ ONLY} transaction begun on
     * this connection with nothing run yet.
     */
    USE("use", "USE_SNAPSHOT"),
    /** Neither export nor use it. */
    NOTHING("nothing", "NOEXPORT_SNAPSHOT");

    private final String optionValue;
    private final String legacyKeyword;

    SnapshotAction(String optionValue, String legacyKeyword) {
        this.optionValue = optionValue;
        this.legacyKeyword = legacyKeyword;
    }

    /** @return the PostgreSQL 15+ {@code SNAPSHOT} option value */
    public String optionValue() {
        return optionValue;
    }

    /** @return the PostgreSQL 14 keyword */
    public String legacyKeyword() {
        return legacyKeyword;
    }
}
