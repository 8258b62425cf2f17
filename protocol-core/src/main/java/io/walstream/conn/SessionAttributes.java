package io.walstream.conn;

/**
 * Checks a connection against {@code target_session_attrs} using the {@code in_hot_standby} and
 * {@code default_transaction_read_only} parameters that PostgreSQL 14+ reports at startup, as libpq does, so
 * no query is needed (physical replication connections cannot run SQL).
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class SessionAttributes {

    private SessionAttributes() {
    }

    /**
     * @param conn an open connection
     * @param wanted the required attributes
     * @return {@code null} if the session matches, else why not
     */
    static String mismatch(PgConnection conn, TargetSessionAttrs wanted) {
        boolean standby = "on".equals(conn.parameter("in_hot_standby"));
        boolean readOnly = standby || "on".equals(conn.parameter("default_transaction_read_only"));
        switch (wanted) {
            case ANY:
            case PREFER_STANDBY:
                return null;
            case READ_WRITE:
                return readOnly ? "the session is read-only" : null;
            case READ_ONLY:
                return readOnly ? null : "the session is read-write";
            case PRIMARY:
                return standby ? "the server is a hot standby" : null;
            case STANDBY:
                return standby ? null : "the server is not a hot standby";
            default:
                throw new IllegalArgumentException("Unknown target_session_attrs " + wanted);
        }
    }
}
