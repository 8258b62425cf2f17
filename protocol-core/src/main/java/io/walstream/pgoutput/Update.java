package io.walstream.pgoutput;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A row updated in a table.
 *
 * <pre>
 * Byte1 'U' | [Int32 xid, inside a stream block] | Int32 relation OID
 *   | [Byte1 'K' | TupleData key   or   Byte1 'O' | TupleData old]     zero or one
 *   | Byte1 'N' | TupleData new
 * </pre>
 *
 * <p>The old part is absent when the replica identity did not change (identity DEFAULT or INDEX), {@code 'K'}
 * when it did (only key columns are real; the others are placeholders, see {@link Row#isKeyOnly()}), and
 * {@code 'O'} with REPLICA IDENTITY FULL. Columns of the new tuple may be {@code 'u'}: unchanged TOAST, not
 * NULL.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param relationOid the table's OID (unsigned)
 * @param oldKind which old tuple is present
 * @param oldTuple the old tuple; {@code null} exactly when {@code oldKind} is {@link OldTupleKind#NONE}
 * @param newTuple the new row
 */
public record Update(OptionalInt streamXid, int relationOid, OldTupleKind oldKind, TupleData oldTuple,
                     TupleData newTuple) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'U';

    public Update {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(oldKind, "oldKind");
        Objects.requireNonNull(newTuple, "newTuple");
        if ((oldKind == OldTupleKind.NONE) != (oldTuple == null)) {
            throw new IllegalArgumentException("oldTuple must be null exactly when oldKind is NONE, got " + oldKind);
        }
    }

    /** Outside a stream block. */
    public Update(int relationOid, OldTupleKind oldKind, TupleData oldTuple, TupleData newTuple) {
        this(OptionalInt.empty(), relationOid, oldKind, oldTuple, newTuple);
    }

    /** @return the old tuple, if any */
    public Optional<TupleData> old() {
        return Optional.ofNullable(oldTuple);
    }

    /** @return whether the old tuple is {@code 'K'}: key columns only, the rest placeholders */
    public boolean isKeyOnly() {
        return oldKind == OldTupleKind.KEY;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        String old = oldKind == OldTupleKind.NONE ? ""
                : (oldKind == OldTupleKind.KEY ? " key=" : " old=") + oldTuple.describe();
        return "Update " + Describe.xid(streamXid) + "rel=" + Describe.u32(relationOid) + old + " new="
                + newTuple.describe();
    }
}
