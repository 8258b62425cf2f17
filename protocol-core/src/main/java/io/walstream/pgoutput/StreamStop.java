package io.walstream.pgoutput;

/**
 * Closes the block opened by {@link StreamStart}.
 *
 * <pre>
 * Byte1 'E'                                 no body
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 */
public record StreamStop() implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'E';

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "StreamStop";
    }
}
