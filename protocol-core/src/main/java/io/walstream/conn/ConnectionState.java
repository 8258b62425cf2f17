package io.walstream.conn;

/**
 * Where a {@link PgConnection} stands in the PostgreSQL protocol, which decides the backend messages that may
 * arrive next. ParameterStatus and NoticeResponse may arrive in every state, NotificationResponse in every
 * state after startup, and ErrorResponse in every state; any other message outside {@link #allows} is a
 * protocol violation ({@link UnexpectedMessageException}).
 *
 * <pre>
 * STARTUP --Z--&gt; READY --Query--&gt; SIMPLE_QUERY --Z--&gt; READY
 *                               SIMPLE_QUERY --H--&gt; COPY_OUT  --Z--&gt; READY
 *                               SIMPLE_QUERY --W--&gt; COPY_BOTH --c/C/E--&gt; COPY_BOTH_ENDED --Z--&gt; READY
 * any --close()--&gt; CLOSED
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ConnectionState {
    /** Authentication and the parameter exchange, up to the first ReadyForQuery. An error ends the connection. */
    STARTUP("during startup", "RKvZ", false),
    /** Idle: no command in flight; only asynchronous messages may arrive. */
    READY("while idle", "", false),
    /** A Query is in flight: its results, a COPY response, then ReadyForQuery. Errors wait for ReadyForQuery. */
    SIMPLE_QUERY("during a simple query", "TDCIGHWZ", true),
    /** {@code COPY ... TO STDOUT}: CopyData, CopyDone, CommandComplete, ReadyForQuery. Errors wait for it. */
    COPY_OUT("in COPY OUT", "dcCZ", true),
    /** The CopyBoth stream of {@code START_REPLICATION}. An error ends COPY and is thrown at once. */
    COPY_BOTH("in CopyBoth", "dcCZ", false),
    /**
     * The server ended CopyBoth (CopyDone, CommandComplete or an error); ReadyForQuery follows, after the result
     * set of a timeline switch (physical replication) and after CopyData the walsender still sends: a logical
     * walsender closed by the client during a transaction sent CopyData after its own CopyDone (seen on
     * PostgreSQL 14 and 18). Errors wait for ReadyForQuery.
     */
    COPY_BOTH_ENDED("after CopyBoth ended", "dTDCZ", true),
    /** After {@link PgConnection#close()}: nothing is read any more. */
    CLOSED("after close", "", false);

    private final String description;
    private final String tags;
    private final boolean defersErrors;

    ConnectionState(String description, String tags, boolean defersErrors) {
        this.description = description;
        this.tags = tags;
        this.defersErrors = defersErrors;
    }

    /**
     * @param tag a backend message tag
     * @return whether that message belongs to this state (the messages allowed in every state aside)
     */
    public boolean allows(int tag) {
        return tag >= 0 && tags.indexOf(tag) >= 0;
    }

    /** @return whether an ErrorResponse is held back until ReadyForQuery, so the connection stays usable */
    public boolean defersErrors() {
        return defersErrors;
    }

    /** @return how error messages name the state, e.g. {@code in COPY OUT} */
    public String description() {
        return description;
    }
}
