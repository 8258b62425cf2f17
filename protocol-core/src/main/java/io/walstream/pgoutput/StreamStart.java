package io.walstream.pgoutput;

/**
 * Opens a block of changes of an in-progress (streamed) transaction; until {@link StreamStop}, changes carry
 * a leading xid (protocol 2+, {@code streaming 'on'} or {@code 'parallel'}).
 *
 * <pre>
 * Byte1 'S' | Int32 xid | Int8 first_segment (1 = first chunk of this xid, else 0)
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param xid the top-level transaction id (unsigned)
 * @param firstSegment whether this is the first chunk of the transaction
 */
public record StreamStart(int xid, boolean firstSegment) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'S';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "StreamStart xid=" + Describe.u32(xid) + " firstSegment=" + firstSegment;
    }
}
