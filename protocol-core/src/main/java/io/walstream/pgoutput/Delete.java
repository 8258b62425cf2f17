package io.walstream.pgoutput;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A row deleted from a table.
 *
 * <pre>
 * Byte1 'D' | [Int32 xid, inside a stream block] | Int32 relation OID
 *   | Byte1 'K' | TupleData key   or   Byte1 'O' | TupleData old          exactly one
 * </pre>
 *
 * <p>With {@code 'K'} only the replica-identity columns are real; the others are {@code 'n'} placeholders that
 * do not mean NULL (see {@link Row#isKeyOnly()} and {@link ColumnValue#isPlaceholder()}).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param relationOid the table's OID (unsigned)
 * @param oldKind {@link OldTupleKind#KEY} or {@link OldTupleKind#OLD}
 * @param oldTuple the key or the old row
 */
public record Delete(OptionalInt streamXid, int relationOid, OldTupleKind oldKind, TupleData oldTuple)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'D';

    public Delete {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(oldTuple, "oldTuple");
        if (oldKind != OldTupleKind.KEY && oldKind != OldTupleKind.OLD) {
            throw new IllegalArgumentException("A Delete carries a KEY or OLD tuple, got " + oldKind);
        }
    }

    /** Outside a stream block. */
    public Delete(int relationOid, OldTupleKind oldKind, TupleData oldTuple) {
        this(OptionalInt.empty(), relationOid, oldKind, oldTuple);
    }

    /** @return whether the tuple is {@code 'K'}: key columns only, the rest placeholders */
    public boolean isKeyOnly() {
        return oldKind == OldTupleKind.KEY;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Delete " + Describe.xid(streamXid) + "rel=" + Describe.u32(relationOid)
                + (oldKind == OldTupleKind.KEY ? " key=" : " old=") + oldTuple.describe();
    }
}
