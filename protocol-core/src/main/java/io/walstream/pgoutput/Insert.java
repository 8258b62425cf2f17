package io.walstream.pgoutput;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A row inserted into a table.
 *
 * <pre>
 * Byte1 'I' | [Int32 xid, inside a stream block] | Int32 relation OID | Byte1 'N' | TupleData new
 * </pre>
 *
 * <p>Bind the tuple to its columns with {@link RelationCache#newRow(Insert)}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param relationOid the table's OID (unsigned), described by an earlier {@link Relation}
 * @param newTuple the new row
 */
public record Insert(OptionalInt streamXid, int relationOid, TupleData newTuple) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'I';

    public Insert {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(newTuple, "newTuple");
    }

    /** Outside a stream block. */
    public Insert(int relationOid, TupleData newTuple) {
        this(OptionalInt.empty(), relationOid, newTuple);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Insert " + Describe.xid(streamXid) + "rel=" + Describe.u32(relationOid) + " new="
                + newTuple.describe();
    }
}
