package io.walstream.pgoutput;

import io.walstream.pgoutput.types.BuiltinTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link RelationCache} entry: one {@link Relation} with its column names indexed for constant-time lookup
 * and its column type names resolved (from the Type messages seen before it, else the built-in names).
 *
 * <pre>
 * relation OID -> (namespace, name, replica identity, columns[i] = (flags, name, type OID, typmod, type name))
 * </pre>
 *
 * <p>An entry never changes: a re-sent Relation creates a new entry, and rows already bound keep the old one.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class CachedRelation {
    private final Relation relation;
    private final List<String> columnNames;
    private final Map<String, Integer> indexByName;
    private final String[] typeNames;
    private final int[] formatOids;

    CachedRelation(Relation relation, Map<Integer, Type> types) {
        this.relation = Objects.requireNonNull(relation, "relation");
        List<RelationColumn> columns = relation.columns();
        List<String> names = new ArrayList<>(columns.size());
        Map<String, Integer> index = new HashMap<>(columns.size() * 2);
        typeNames = new String[columns.size()];
        formatOids = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            RelationColumn c = columns.get(i);
            names.add(c.name());
            index.putIfAbsent(c.name(), i);
            typeNames[i] = typeName(c.typeOid(), types);
            formatOids[i] = formatOid(c.typeOid(), types);
        }
        this.columnNames = Collections.unmodifiableList(names);
        this.indexByName = index;
    }

    static String typeName(int oid, Map<Integer, Type> types) {
        Type t = types.get(oid);
        if (t != null) {
            return t.qualifiedName();
        }
        String builtin = BuiltinTypes.nameOf(oid);
        return builtin != null ? builtin : "oid " + Integer.toUnsignedString(oid);
    }

    /*
     * A domain's Type message carries the domain's OID with the name of its base type; a base type in pg_catalog
     * (namespace "") that is built in tells how the domain's values are formatted.
     */
    static int formatOid(int oid, Map<Integer, Type> types) {
        if (BuiltinTypes.isKnown(oid)) {
            return oid;
        }
        Type t = types.get(oid);
        if (t != null && t.namespace().isEmpty()) {
            int base = BuiltinTypes.oidOf(t.name());
            if (base != 0) {
                return base;
            }
        }
        return oid;
    }

    /** @return the Relation message this entry was built from */
    public Relation relation() {
        return relation;
    }

    /** @return the relation OID (unsigned) */
    public int oid() {
        return relation.oid();
    }

    /** @return the schema name, {@code ""} for pg_catalog */
    public String namespace() {
        return relation.namespace();
    }

    /** @return the relation name */
    public String name() {
        return relation.name();
    }

    /** @return {@code namespace.name}, or just the name for pg_catalog */
    public String qualifiedName() {
        return relation.namespace().isEmpty() ? relation.name() : relation.namespace() + "." + relation.name();
    }

    /** @return the replica identity */
    public ReplicaIdentity replicaIdentity() {
        return relation.replicaIdentity();
    }

    /** @return the number of published columns */
    public int columnCount() {
        return typeNames.length;
    }

    /** @return the column names in order */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * @param index a column index
     * @return that column's description
     */
    public RelationColumn column(int index) {
        return relation.columns().get(index);
    }

    /**
     * @param name a column name, exactly as PostgreSQL stores it (case-sensitive)
     * @return its index, or -1 if there is no such column
     */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /**
     * @param index a column index
     * @return its type name: from a Type message ({@code schema.name}, or the bare name in pg_catalog), else the
     *         built-in name such as {@code int4}, else {@code "oid N"}
     */
    public String typeName(int index) {
        return typeNames[Objects.checkIndex(index, typeNames.length)];
    }

    /**
     * @param index a column index
     * @return the OID whose format the column's values have: the column's type OID, or for a domain over a
     *         built-in type (named by its Type message) that base type's OID
     */
    public int formatOid(int index) {
        return formatOids[Objects.checkIndex(index, formatOids.length)];
    }

    @Override
    public String toString() {
        return "CachedRelation[" + relation.describe() + "]";
    }
}
