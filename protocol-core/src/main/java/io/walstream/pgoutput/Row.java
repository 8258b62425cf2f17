package io.walstream.pgoutput;

import io.walstream.pgoutput.types.NamedValues;
import io.walstream.pgoutput.types.RecordMapper;
import io.walstream.pgoutput.types.ValueDecoder;
import io.walstream.pgoutput.types.ValueSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TupleData} bound to the {@link CachedRelation} that was current when it was bound: column access by
 * index and by name in constant time, typed through {@link ColumnValue}.
 *
 * <pre>
 * row.get("id").asLong()        name -> index (precomputed per relation entry) -> kind + offset -> value
 * </pre>
 *
 * <p><b>Key-only rows.</b> The old tuple of an UPDATE or DELETE with {@code 'K'} carries only the
 * replica-identity columns; {@link #isKeyOnly()} says so, and every other column is a
 * {@linkplain ColumnValue#isPlaceholder() placeholder}: it arrived as {@code 'n'} but is <em>not</em> NULL, so
 * {@link ColumnValue#isNull()} is {@code false} for it. As {@link NamedValues} (for record mapping) a key-only
 * row shows only its key columns.
 *
 * <p><b>Unchanged TOAST.</b> A {@code 'u'} value is never reported as NULL; see
 * {@link ColumnValue#isUnchangedToast()}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class Row implements NamedValues {
    private final CachedRelation relation;
    private final TupleData tuple;
    private final boolean keyOnly;
    private final Utf8Policy utf8;
    private Object[] objects; // asObject() values decoded once; racy but idempotent (values are immutable)

    Row(CachedRelation relation, TupleData tuple, boolean keyOnly) {
        this(relation, tuple, keyOnly, LENIENT);
    }

    Row(CachedRelation relation, TupleData tuple, boolean keyOnly, Utf8Policy utf8) {
        this.relation = Objects.requireNonNull(relation, "relation");
        this.tuple = Objects.requireNonNull(tuple, "tuple");
        this.keyOnly = keyOnly;
        this.utf8 = utf8;
    }

    private static final Utf8Policy LENIENT = Utf8Policy.lenient();

    /** @return how this row's text values are decoded */
    Utf8Policy utf8() {
        return utf8;
    }

    /** @return the relation entry this row was bound to */
    public CachedRelation relation() {
        return relation;
    }

    /** @return the raw tuple */
    public TupleData tuple() {
        return tuple;
    }

    /** @return whether this is a {@code 'K'} old tuple: only key columns are real, the rest placeholders */
    public boolean isKeyOnly() {
        return keyOnly;
    }

    /** @return the number of columns */
    public int size() {
        return tuple.size();
    }

    /**
     * @param index a column index
     * @return that column's value
     * @throws IndexOutOfBoundsException if out of range
     */
    public ColumnValue get(int index) {
        Objects.checkIndex(index, tuple.size());
        return new ColumnValue(this, index);
    }

    /**
     * @param name a column name, exactly as PostgreSQL stores it (case-sensitive)
     * @return that column's value
     * @throws IllegalArgumentException if the relation has no such column
     */
    public ColumnValue get(String name) {
        int i = relation.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Relation " + relation.qualifiedName() + " has no column \"" + name
                    + "\"; its columns are " + relation.columnNames());
        }
        return new ColumnValue(this, i);
    }

    /** @return whether the relation has a column of this name */
    public boolean has(String name) {
        return relation.indexOf(name) >= 0;
    }

    /** @return the column names; for a key-only row only the key columns */
    @Override
    public List<String> columnNames() {
        if (!keyOnly) {
            return relation.columnNames();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            if (relation.column(i).isKey()) {
                keys.add(relation.columnNames().get(i));
            }
        }
        return Collections.unmodifiableList(keys);
    }

    /**
     * @return the column's value, or {@code null} if there is no such column or it is a placeholder of a
     *         key-only row
     */
    @Override
    public ValueSource value(String name) {
        int i = relation.indexOf(name);
        if (i < 0) {
            return null;
        }
        ColumnValue v = new ColumnValue(this, i);
        return v.isPlaceholder() ? null : v;
    }

    /**
     * @param <R> the record type
     * @param type a record whose components name columns
     * @return the row mapped by {@link RecordMapper#map}
     */
    public <R extends Record> R mapTo(Class<R> type) {
        return RecordMapper.map(this, type);
    }

    /**
     * The row as data: column name to {@link ColumnValue#asObject()} in column order. SQL NULL is {@code null};
     * an unchanged TOASTed value is {@link UnchangedToast#INSTANCE}, never {@code null}; a key-only row (the
     * old row of an UPDATE or DELETE under a key replica identity) holds only its key columns. The Java type of
     * each value is listed at {@link io.walstream.pgoutput.types.ValueDecoder#toObject}.
     *
     * @return a new mutable, insertion-ordered map
     * @throws io.walstream.pgoutput.types.ValueConversionException if a value is malformed
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(tuple.size() * 2);
        for (int i = 0; i < tuple.size(); i++) {
            ColumnValue v = new ColumnValue(this, i);
            if (v.isPlaceholder()) {
                continue;
            }
            out.put(relation.columnNames().get(i), v.isUnchangedToast() ? UnchangedToast.INSTANCE : v.asObject());
        }
        return out;
    }

    /** The natural Java value of a column, decoded once per row and column. */
    Object object(ColumnValue v) {
        Object[] cache = objects;
        if (cache == null) {
            cache = new Object[tuple.size()];
            objects = cache;
        }
        Object o = cache[v.index()];
        if (o == null) {
            o = ValueDecoder.toObject(v);
            cache[v.index()] = o == null ? NULL : o;
        }
        if (o == NULL) {
            return null;
        }
        return o instanceof byte[] ? ((byte[]) o).clone() : o;
    }

    private static final Object NULL = new Object();

    /** @return e.g. {@code public.t(id=t'1', note=u)}; placeholders show as {@code -} */
    public String describe() {
        StringBuilder sb = new StringBuilder(relation.qualifiedName()).append(keyOnly ? " key(" : "(");
        for (int i = 0; i < tuple.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(relation.columnNames().get(i)).append('=').append(get(i).describe());
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "Row[" + describe() + "]";
    }
}
