package io.walstream.pgoutput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The one place where tuples become {@link Row}s: binds the tuples a change carries (Insert, Update, Delete), the
 * relations a Truncate names, and the rows of a table copy to the current entry of their relation in a
 * {@link RelationCache} — with the cache's {@link Utf8Policy} and a check that the tuple has as many columns as
 * the last Relation message declared. The stream's events, the replay of spilled transactions and the initial and
 * incremental snapshots all bind through it.
 *
 * <pre>{@code
 * RowBinder binder = new RowBinder(relations);
 * RowBinder.ChangeRows rows = binder.bind(message);     // after relations.accept(message)
 * Row after = rows.newRow();                            // Insert, Update
 * Row before = rows.oldRow();                           // Update with an old tuple or key, Delete
 * }</pre>
 *
 * <p><b>Thread safety:</b> as its {@link RelationCache}: not thread-safe, used by the thread that keeps the cache
 * current.
 */
public final class RowBinder {

    /**
     * The rows of one message.
     *
     * @param newRow the new row (Insert, Update), else {@code null}
     * @param oldRow the old row or key (Delete; Update when it carries one), else {@code null}
     * @param relations the relations the message touches: the row's relation, the known relations of a Truncate,
     *        or none
     */
    public record ChangeRows(Row newRow, Row oldRow, List<CachedRelation> relations) {

        /** No rows, no relations: every message that is not a change. */
        public static final ChangeRows NONE = new ChangeRows(null, null, List.of());
    }

    private final RelationCache relations;
    private CachedRelation lastRelation;
    private List<CachedRelation> lastRelationList = List.of();

    /** @param relations the cache kept current with every Relation and Type message */
    public RowBinder(RelationCache relations) {
        this.relations = Objects.requireNonNull(relations, "relations");
    }

    /** @return the cache this binder binds against */
    public RelationCache relations() {
        return relations;
    }

    /**
     * @param m a decoded message, already applied to the relation cache
     * @return its rows and relations; {@link ChangeRows#NONE} for a message that is not a change
     * @throws UnknownRelationException if a change's relation is unknown
     * @throws io.walstream.ProtocolException if a tuple's column count differs from its relation's
     */
    public ChangeRows bind(PgOutputMessage m) {
        if (m instanceof Insert i) {
            Row row = newRow(i);
            return new ChangeRows(row, null, listOf(row.relation()));
        }
        if (m instanceof Update u) {
            Row row = relations.newRow(u);
            return new ChangeRows(row, relations.oldRow(u).orElse(null), listOf(row.relation()));
        }
        if (m instanceof Delete d) {
            Row row = relations.oldRow(d);
            return new ChangeRows(null, row, listOf(row.relation()));
        }
        if (m instanceof Truncate t) {
            List<CachedRelation> list = new ArrayList<>(t.relationOids().size());
            for (int oid : t.relationOids()) {
                relations.find(oid).ifPresent(list::add);
            }
            return new ChangeRows(null, null, Collections.unmodifiableList(list));
        }
        return ChangeRows.NONE;
    }

    /**
     * The row of an Insert: {@link #bind} without the {@link ChangeRows} holder, for the hot path of a stream
     * whose changes are mostly inserts.
     *
     * @param insert an Insert whose relation is in the cache
     * @return its new row
     * @throws UnknownRelationException if its relation is unknown
     */
    public Row newRow(Insert insert) {
        return relations.newRow(insert);
    }

    /**
     * @param r a relation entry
     * @return {@code List.of(r)}, the same instance for consecutive rows of one relation entry (no allocation)
     */
    public List<CachedRelation> listOf(CachedRelation r) {
        if (r != lastRelation) {
            lastRelationList = List.of(r);
            lastRelation = r;
        }
        return lastRelationList;
    }

    /**
     * Binds a whole tuple (a row of a table copy) to its relation.
     *
     * @param relationOid the relation
     * @param tuple one value per column of the relation
     * @return the row
     * @throws UnknownRelationException if the relation is unknown
     * @throws io.walstream.ProtocolException if the tuple's column count differs from the relation's
     */
    public Row row(int relationOid, TupleData tuple) {
        return relations.row(relationOid, tuple, false);
    }

    /**
     * Binds the first {@code columns} values of a wider tuple (a copy whose query appended more columns, such as a
     * chunk key) to its relation.
     *
     * @param relationOid the relation
     * @param wide the tuple, at least {@code columns} wide
     * @param columns how many leading values are the relation's columns
     * @return the row
     * @throws IllegalArgumentException if the tuple is narrower than {@code columns}
     */
    public Row row(int relationOid, TupleData wide, int columns) {
        if (wide.size() == columns) {
            return row(relationOid, wide);
        }
        if (wide.size() < columns) {
            throw new IllegalArgumentException("A tuple of " + wide.size() + " values has no " + columns
                    + " leading columns");
        }
        TupleData.Builder b = TupleData.builder();
        for (int i = 0; i < columns; i++) {
            ColumnKind kind = wide.kind(i);
            b.add(kind, kind.hasData() ? wide.bytes(i) : null);
        }
        return row(relationOid, b.build());
    }
}
