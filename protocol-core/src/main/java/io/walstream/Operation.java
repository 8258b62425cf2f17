package io.walstream;

import io.walstream.pgoutput.PgOutputMessage;

/**
 * What a {@link ReplicationEvent} is: one of the four row-level changes, or one of the non-row kinds that frame
 * transactions and describe the schema.
 *
 * <pre>
 * INSERT UPDATE DELETE TRUNCATE       changes to a table (isChange); the first three carry rows (isRowChange)
 * MESSAGE                             pg_logical_emit_message (only with messages = true)
 * BEGIN COMMIT                        a transaction's frame
 * RELATION TYPE ORIGIN                metadata before the changes that need it
 * STREAM_START STREAM_STOP
 *   STREAM_COMMIT STREAM_ABORT        in-progress (streamed) transactions
 * BEGIN_PREPARE PREPARE COMMIT_PREPARED
 *   ROLLBACK_PREPARED STREAM_PREPARE  two-phase transactions
 * OTHER                               a message this version does not know
 * </pre>
 *
 * <p><b>Thread safety:</b> an enum; immutable.
 */
public enum Operation {
    /** A row was inserted: {@link ReplicationEvent#after()}. */
    INSERT('I', "c"),
    /** A row was updated: {@link ReplicationEvent#after()}, and {@link ReplicationEvent#before()} if sent. */
    UPDATE('U', "u"),
    /** A row was deleted: {@link ReplicationEvent#before()} (its key, or the whole row). */
    DELETE('D', "d"),
    /** One or more tables were truncated: {@link ReplicationEvent#relations()}. */
    TRUNCATE('T', "t"),
    /** A logical decoding message ({@code pg_logical_emit_message}). */
    MESSAGE('M', null),
    /** A transaction begins. */
    BEGIN('B', null),
    /** A transaction commits. */
    COMMIT('C', null),
    /** A table's description (sent before its first change and after it changed). */
    RELATION('R', null),
    /** A non-built-in type's name. */
    TYPE('Y', null),
    /** The replication origin of the transaction. */
    ORIGIN('O', null),
    /** A block of an in-progress transaction starts. */
    STREAM_START('S', null),
    /** A block of an in-progress transaction ends. */
    STREAM_STOP('E', null),
    /** A streamed transaction commits. */
    STREAM_COMMIT('c', null),
    /** A streamed transaction or subtransaction aborts. */
    STREAM_ABORT('A', null),
    /** A two-phase transaction begins. */
    BEGIN_PREPARE('b', null),
    /** A two-phase transaction is prepared. */
    PREPARE('P', null),
    /** A prepared transaction commits. */
    COMMIT_PREPARED('K', null),
    /** A prepared transaction is rolled back. */
    ROLLBACK_PREPARED('r', null),
    /** A streamed two-phase transaction is prepared. */
    STREAM_PREPARE('p', null),
    /** A message type this version does not know. */
    OTHER('\0', null);

    private static final Operation[] BY_TAG = new Operation[128];

    static {
        for (Operation o : values()) {
            if (o != OTHER) {
                BY_TAG[o.tag] = o;
            }
        }
    }

    private final char tag;
    private final String debeziumOp;

    Operation(char tag, String debeziumOp) {
        this.tag = tag;
        this.debeziumOp = debeziumOp;
    }

    /**
     * @param message a decoded pgoutput message
     * @return its operation, {@link #OTHER} for an unknown message type
     */
    public static Operation of(PgOutputMessage message) {
        char t = message.tag();
        Operation o = t < BY_TAG.length ? BY_TAG[t] : null;
        return o != null ? o : OTHER;
    }

    /** @return whether this is INSERT, UPDATE or DELETE: an event with rows */
    public boolean isRowChange() {
        return this == INSERT || this == UPDATE || this == DELETE;
    }

    /** @return whether this changes table data: INSERT, UPDATE, DELETE or TRUNCATE */
    public boolean isChange() {
        return isRowChange() || this == TRUNCATE;
    }

    /**
     * @return Debezium's {@code op} code for the change: {@code c} (INSERT), {@code u} (UPDATE), {@code d}
     *         (DELETE), {@code t} (TRUNCATE); {@code null} for the other kinds, which Debezium has no op for
     */
    public String debeziumOp() {
        return debeziumOp;
    }

    /** @return the pgoutput message type byte, {@code '\0'} for {@link #OTHER} */
    public char tag() {
        return tag;
    }
}
