package io.walstream.pgoutput;

/**
 * The marker {@link Row#toMap()} puts for a column whose value is an unchanged TOASTed value
 * ({@link ColumnValue#isUnchangedToast()}): PostgreSQL did not send it because it did not change, so it is
 * neither NULL nor known. Compare with {@code ==} or {@code instanceof}.
 *
 * <p><b>Thread safety:</b> an enum; immutable.
 */
public enum UnchangedToast {
    /** The only instance. */
    INSTANCE;

    /** @return {@code unchanged-toast} */
    @Override
    public String toString() {
        return "unchanged-toast";
    }
}
