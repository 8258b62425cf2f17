package io.walstream.pgoutput;

/**
 * Closes the block opened by {@link StreamStart}.
 *
 * <pre>
 * Byte1 'E'                                 no body
 * </pre>
 *
 * <p>The message has no body; {@link #xid()} is the xid of the block's {@link StreamStart}, filled in by
 * {@link PgOutputDecoder}, or {@link Xids#INVALID} (0) for a StreamStop built without one. {@link #describe()}
 * prints the wire content only ({@code StreamStop}).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param xid the top-level xid of the block being closed (unsigned 32-bit; see {@link Xids}), 0 if not known
 */
public record StreamStop(int xid) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'E';

    /** A StreamStop as on the wire, without the block's xid ({@link #xid()} is 0). */
    public StreamStop() {
        this(Xids.INVALID);
    }

    /** @return {@link #xid()} unsigned, as a {@code long} (0 if not known) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "StreamStop";
    }

    /** @return {@code StreamStop[xid=N]} with N unsigned */
    @Override
    public String toString() {
        return "StreamStop[xid=" + Xids.toString(xid) + "]";
    }
}
