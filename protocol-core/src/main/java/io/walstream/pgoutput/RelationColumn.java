package io.walstream.pgoutput;

import java.util.Objects;

/**
 * One column of a {@link Relation} message.
 *
 * <pre>
 * Int8 flags (bit 0 = part of the replica identity) | String name | Int32 type OID | Int32 typmod (-1 = none)
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte (0–255); bit 0 marks a replica-identity (key) column
 * @param name the column name
 * @param typeOid the column's type OID (unsigned)
 * @param typmod the type modifier, -1 if none
 */
public record RelationColumn(int flags, String name, int typeOid, int typmod) {

    /** Flag bit: the column is part of the replica identity. */
    public static final int FLAG_KEY = 1;

    public RelationColumn {
        Objects.requireNonNull(name, "name");
    }

    /**
     * @param key whether the column is part of the replica identity
     * @param name the column name
     * @param typeOid the type OID
     * @param typmod the type modifier, -1 if none
     * @return the column
     */
    public static RelationColumn of(boolean key, String name, int typeOid, int typmod) {
        return new RelationColumn(key ? FLAG_KEY : 0, name, typeOid, typmod);
    }

    /** @return whether the column is part of the replica identity (every column with identity FULL) */
    public boolean isKey() {
        return (flags & FLAG_KEY) != 0;
    }

    String describe() {
        return (isKey() ? "key " : "") + (flags > 1 ? "flags=" + flags + " " : "") + Describe.quote(name)
                + " type=" + Describe.u32(typeOid) + " typmod=" + typmod;
    }
}
