package io.walstream.pgoutput;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The description of a table, sent before the first change that uses it and again after any schema change.
 *
 * <pre>
 * Byte1 'R' | [Int32 xid, inside a stream block] | Int32 relation OID | String namespace ("" = pg_catalog)
 *   | String relation name | Int8 replica identity ('d' 'n' 'f' 'i') | Int16 N
 *   | N x { Int8 flags | String name | Int32 type OID | Int32 typmod }
 * </pre>
 *
 * <p>Feed it to a {@link RelationCache}; a re-sent Relation replaces the entry for its OID.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param oid the relation OID (unsigned)
 * @param namespace the schema name, {@code ""} for pg_catalog
 * @param name the relation name
 * @param replicaIdentity the replica identity setting
 * @param columns the published columns in order (at most 65535)
 */
public record Relation(OptionalInt streamXid, int oid, String namespace, String name,
                       ReplicaIdentity replicaIdentity, List<RelationColumn> columns) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'R';

    public Relation {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replicaIdentity, "replicaIdentity");
        columns = List.copyOf(columns);
        if (columns.size() > 0xffff) {
            throw new IllegalArgumentException("A relation has at most 65535 columns, got " + columns.size());
        }
    }

    /** Outside a stream block. */
    public Relation(int oid, String namespace, String name, ReplicaIdentity replicaIdentity,
                    List<RelationColumn> columns) {
        this(OptionalInt.empty(), oid, namespace, name, replicaIdentity, columns);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Relation " + Describe.xid(streamXid) + "rel=" + Describe.u32(oid) + " " + Describe.quote(namespace)
                + "." + Describe.quote(name) + " identity=" + replicaIdentity + " columns=["
                + columns.stream().map(RelationColumn::describe).collect(Collectors.joining(", ")) + "]";
    }
}
