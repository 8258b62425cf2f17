package io.walstream;

import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Row;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One decoded pgoutput message with the position and server time of the XLogData that carried it, and what a
 * handler needs without looking further: the {@link #operation()}, the table ({@link #schema()},
 * {@link #table()}), the rows ({@link #before()}, {@link #after()}) and the transaction ({@link #xid()},
 * {@link #commitLsn()}, {@link #commitTime()}).
 *
 * <pre>
 * switch (event.operation()) {
 *     case INSERT -&gt; insert(event.table(), event.after());
 *     case UPDATE -&gt; update(event.table(), event.before(), event.after());   // before() may be null
 *     case DELETE -&gt; delete(event.table(), event.before());
 *     default -&gt; { }
 * }
 * </pre>
 *
 * <p><b>What {@link #before()} holds depends on the table's replica identity</b> ({@code ALTER TABLE ... REPLICA
 * IDENTITY}), as PostgreSQL sends it:
 *
 * <pre>
 * replica identity        UPDATE before()                          DELETE before()
 * DEFAULT (primary key)   key-only row if a key column changed,    key-only row (the primary key)
 *                         else null
 * USING INDEX idx         key-only row if an index column          key-only row (the index columns)
 *                         changed, else null
 * FULL                    the whole old row                        the whole old row
 * NOTHING                 null                                     no DELETE event is sent for such tables
 * </pre>
 *
 * A key-only row's other columns are {@linkplain io.walstream.pgoutput.ColumnValue#isPlaceholder()
 * placeholders}, not NULLs. In {@link #after()}, a TOASTed column that did not change is
 * {@linkplain io.walstream.pgoutput.ColumnValue#isUnchangedToast() unchanged TOAST}: not sent, never NULL.
 *
 * <p><b>For Debezium users</b>, the fields map as follows:
 *
 * <pre>
 * Debezium envelope        here
 * op  c / u / d / t        operation().debeziumOp()  (INSERT / UPDATE / DELETE / TRUNCATE)
 * before                   before().toMap()   (what the replica identity makes PostgreSQL send, see above)
 * after                    after().toMap()    (unchanged TOAST: UnchangedToast.INSTANCE, where Debezium puts its
 *                                              configurable unavailable-value placeholder)
 * source.schema / .table   schema() / table()
 * source.txId              xid()
 * source.lsn               walStart() of the change (the commit's position: commitLsn())
 * source.ts_ms             commitTime()
 * ts_ms                    serverTimeMicros() (µs since 2000-01-01; when the server sent it)
 * </pre>
 *
 * <p>Note that the server puts {@code 0/0} in the XLogData header of Relation, Type, and some Begin messages;
 * use the message's own LSN fields ({@code Commit.endLsn()}) to acknowledge.
 *
 * <p><b>Thread safety:</b> immutable, except that the shared {@link TransactionInfo} of a streamed or prepared
 * transaction is completed (safely published) when its commit arrives.
 *
 * @param message the decoded message
 * @param walStart the XLogData start position (may be {@code 0/0}, see above)
 * @param walEnd the server's WAL end when it sent the message
 * @param serverTimeMicros the server clock when it sent the message, µs since 2000-01-01 UTC
 * @param newRow for Insert and Update, the new row bound to its relation (columns by name); else {@code null}
 * @param oldRow for Update with an old tuple and Delete, the old (or key-only) row; else {@code null}
 * @param transaction the transaction the message belongs to, {@code null} outside any (a non-transactional
 *        logical message, or an event made without tracking)
 * @param relations the tables a change touches: one for INSERT/UPDATE/DELETE, each truncated one for TRUNCATE,
 *        none otherwise
 */
public record ReplicationEvent(PgOutputMessage message, Lsn walStart, Lsn walEnd, long serverTimeMicros, Row newRow,
                               Row oldRow, TransactionInfo transaction, List<CachedRelation> relations) {

    /** Checks the message and makes the relation list immutable. */
    public ReplicationEvent {
        Objects.requireNonNull(message, "message");
        relations = relations == null ? List.of() : List.copyOf(relations);
    }

    /**
     * An event without transaction tracking: {@link #transaction()} is {@code null} and {@link #relations()}
     * comes from the rows (a TRUNCATE's tables are then unknown).
     *
     * @param message the decoded message
     * @param walStart the XLogData start position
     * @param walEnd the server's WAL end
     * @param serverTimeMicros the server clock when it sent the message
     * @param newRow the new row or {@code null}
     * @param oldRow the old row or {@code null}
     */
    public ReplicationEvent(PgOutputMessage message, Lsn walStart, Lsn walEnd, long serverTimeMicros, Row newRow,
            Row oldRow) {
        this(message, walStart, walEnd, serverTimeMicros, newRow, oldRow, null,
                newRow != null ? List.of(newRow.relation()) : oldRow != null ? List.of(oldRow.relation()) : null);
    }

    /** @return what the event is: INSERT, UPDATE, DELETE, TRUNCATE or one of the non-row kinds */
    public Operation operation() {
        return Operation.of(message);
    }

    /** @return whether this is an INSERT, UPDATE or DELETE (an event with rows) */
    public boolean isRowChange() {
        return operation().isRowChange();
    }

    /**
     * @return the row before the change: for UPDATE and DELETE what the replica identity makes PostgreSQL send
     *         (see the table above), {@code null} for INSERT and when nothing was sent
     */
    public Row before() {
        return oldRow;
    }

    /** @return the row after the change: for INSERT and UPDATE the new row, else {@code null} */
    public Row after() {
        return newRow;
    }

    /** @return the table's entry for a row change (the first table of a TRUNCATE), or {@code null} */
    public CachedRelation relation() {
        return relations.isEmpty() ? null : relations.get(0);
    }

    /**
     * @return the table's schema ({@code public}) for a change (the first table of a TRUNCATE), or {@code null}
     *         for events not about a table
     */
    public String schema() {
        CachedRelation r = relation();
        return r == null ? null : r.relation().namespace().isEmpty() ? "pg_catalog" : r.relation().namespace();
    }

    /** @return the table's name for a change (the first table of a TRUNCATE), or {@code null} */
    public String table() {
        CachedRelation r = relation();
        return r == null ? null : r.relation().name();
    }

    /**
     * @param schema a schema name, exactly as stored (case-sensitive)
     * @param table a table name, exactly as stored
     * @return whether this event changes that table (for TRUNCATE: any of its tables)
     */
    public boolean isFor(String schema, String table) {
        for (CachedRelation r : relations) {
            String ns = r.relation().namespace().isEmpty() ? "pg_catalog" : r.relation().namespace();
            if (ns.equals(schema) && r.relation().name().equals(table)) {
                return true;
            }
        }
        return false;
    }

    /** @return the transaction id (unsigned 32-bit), empty outside a transaction */
    public OptionalLong xid() {
        if (transaction != null) {
            return OptionalLong.of(transaction.xid());
        }
        return message.streamXid().isPresent()
                ? OptionalLong.of(Integer.toUnsignedLong(message.streamXid().getAsInt())) : OptionalLong.empty();
    }

    /**
     * @return the LSN of the transaction's commit record: always present for changes of a regular transaction;
     *         for a streamed or two-phase transaction once its commit has arrived
     */
    public Optional<Lsn> commitLsn() {
        return transaction == null ? Optional.empty() : transaction.commitLsn();
    }

    /** @return the transaction's commit time, present when {@link #commitLsn()} is */
    public Optional<Instant> commitTime() {
        return transaction == null ? Optional.empty() : transaction.commitTime();
    }

    /**
     * @return whether the row was read by a snapshot ({@link io.walstream.snapshot.SnapshotMode#INITIAL} or
     *         {@link LogicalReplicationStream#requestSnapshot}) rather than streamed: an INSERT event to apply as
     *         an upsert (Debezium's op {@code r}); its {@link #transaction()} is a
     *         {@linkplain TransactionInfo#isSnapshotRead() snapshot marker}
     */
    public boolean isSnapshotRead() {
        return transaction != null && transaction.isSnapshotRead();
    }

    /** @return the message's canonical one-line description */
    public String describe() {
        return message.describe();
    }
}
