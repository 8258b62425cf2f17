package io.walstream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Which events a stream hands to its consumer ({@link ReplicationConfig.Builder#changesOnly},
 * {@link ReplicationConfig.Builder#tables}): everything by default; with {@code changesOnly} only INSERT,
 * UPDATE, DELETE, TRUNCATE and logical messages (no Begin, Commit, Relation, Type, Origin or stream/two-phase
 * framing); with tables, only changes of those tables (a TRUNCATE if any of its tables is listed). Filtering
 * happens after transaction tracking: a filtered-out Commit is still acknowledged when the next event is asked
 * for, exactly as if it had been delivered, and the events delivered still carry their xid and commit LSN.
 *
 * <p><b>Whole transactions</b> ({@link LogicalReplicationStream#transactions()}, {@code forEachTransaction}):
 * {@code changesOnly} does not apply (a {@link Transaction} holds changes only anyway); with tables, changes of
 * other tables are dropped as they arrive (they are neither buffered nor spilled), and a REGULAR or STREAMED
 * transaction left with no change is not delivered but acknowledged as if it had been, when the next
 * transaction is asked for. Two-phase kinds are delivered even when emptied, so that every PREPARED is seen
 * with the COMMIT PREPARED or ROLLBACK PREPARED that settles it; logical messages are delivered whatever the
 * tables. Without tables, an empty transaction (e.g. DDL only) is delivered as before.
 *
 * <p><b>Raw messages</b> ({@code nextRaw}, {@code forEachRaw}) are never filtered: a raw consumer decodes the
 * payloads itself and needs every Begin, Commit and Relation, and a table filter would have to decode the
 * changes the raw mode exists to leave undecoded.
 *
 * <p>A publication already limits the tables the server sends; this filter is for consumers that share one
 * publication but care about fewer tables.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class EventFilter {
    /** Delivers every event. */
    public static final EventFilter ALL = new EventFilter(false, List.of());

    private final boolean changesOnly;
    private final List<String[]> tables;

    private EventFilter(boolean changesOnly, List<String[]> tables) {
        this.changesOnly = changesOnly;
        this.tables = tables;
    }

    /**
     * @param changesOnly deliver only INSERT, UPDATE, DELETE, TRUNCATE and logical messages
     * @param tables table names, {@code schema.table} or a bare {@code table} (any schema), exactly as stored
     *        (case-sensitive, unquoted); empty for all tables
     * @return the filter
     */
    public static EventFilter of(boolean changesOnly, List<String> tables) {
        List<String[]> parsed = new ArrayList<>(tables.size());
        for (String t : tables) {
            Objects.requireNonNull(t, "table");
            int dot = t.indexOf('.');
            parsed.add(dot < 0 ? new String[] {null, t} : new String[] {t.substring(0, dot), t.substring(dot + 1)});
        }
        return new EventFilter(changesOnly, Collections.unmodifiableList(parsed));
    }

    /** @return whether a table list was given */
    public boolean hasTables() {
        return !tables.isEmpty();
    }

    /**
     * The table part alone, as whole transactions use it.
     *
     * @param event an event
     * @return {@code false} for a row change or TRUNCATE of none of the tables, else {@code true}
     */
    public boolean keepsTableOf(ReplicationEvent event) {
        if (tables.isEmpty() || !event.operation().isChange()) {
            return true;
        }
        for (String[] t : tables) {
            if (t[0] == null ? anySchema(event, t[1]) : event.isFor(t[0], t[1])) {
                return true;
            }
        }
        return false;
    }

    /** @return whether only changes and logical messages are delivered */
    public boolean changesOnly() {
        return changesOnly;
    }

    /**
     * @param event an event
     * @return whether the consumer gets it
     */
    public boolean accepts(ReplicationEvent event) {
        if (acceptsAll()) {
            return true;
        }
        Operation op = event.operation();
        if (changesOnly && !op.isChange() && op != Operation.MESSAGE) {
            return false;
        }
        return keepsTableOf(event);
    }

    private static boolean anySchema(ReplicationEvent event, String table) {
        for (io.walstream.pgoutput.CachedRelation r : event.relations()) {
            if (r.relation().name().equals(table)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether every event passes (no change-only rule, no table list): a delivery loop may skip it */
    boolean acceptsAll() {
        return !changesOnly && tables.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(changesOnly ? "changes only" : "all events");
        for (String[] t : tables) {
            sb.append(", ").append(t[0] == null ? "" : t[0] + ".").append(t[1]);
        }
        return sb.toString();
    }
}
