package io.walstream.pgoutput;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The name of a non-built-in type (OID 10000 and up) used by a following {@link Relation}.
 *
 * <pre>
 * Byte1 'Y' | [Int32 xid, inside a stream block] | Int32 type OID | String namespace ("" = pg_catalog)
 *   | String type name (for a domain: its base type)
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param oid the type OID as used in Relation columns (unsigned)
 * @param namespace the schema name, {@code ""} for pg_catalog
 * @param name the type name
 */
public record Type(OptionalInt streamXid, int oid, String namespace, String name) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'Y';

    public Type {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Outside a stream block. */
    public Type(int oid, String namespace, String name) {
        this(OptionalInt.empty(), oid, namespace, name);
    }

    /** @return {@code name} for pg_catalog (or an empty namespace), else {@code namespace.name} */
    public String qualifiedName() {
        return namespace.isEmpty() || namespace.equals("pg_catalog") ? name : namespace + "." + name;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Type " + Describe.xid(streamXid) + "oid=" + Describe.u32(oid) + " " + Describe.quote(namespace) + "."
                + Describe.quote(name);
    }
}
