package io.walstream;

/**
 * The peer broke the wire protocol. Carries where it happened: the message tag (or {@code -1} if none was
 * read), the byte offset of the offending frame in the stream, and a short hex excerpt of the bytes there.
 * Permanent unless a subtype says otherwise.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ProtocolException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    private final int tag;
    private final long offset;
    private final String hexExcerpt;

    public ProtocolException(String message) {
        this(message, -1, -1, "", null);
    }

    public ProtocolException(String message, Throwable cause) {
        this(message, -1, -1, "", cause);
    }

    public ProtocolException(Throwable cause) {
        this(String.valueOf(cause), -1, -1, "", cause);
    }

    /**
     * @param message one sentence describing the violation
     * @param tag the frame's tag byte (0–255), or -1 if not known
     * @param offset the stream offset of the frame's first byte, or -1 if not known
     * @param hexExcerpt up to 32 bytes at that offset as hex, possibly empty
     * @param cause the underlying cause, or {@code null}
     */
    public ProtocolException(String message, int tag, long offset, String hexExcerpt, Throwable cause) {
        super(message, cause);
        this.tag = tag;
        this.offset = offset;
        this.hexExcerpt = hexExcerpt == null ? "" : hexExcerpt;
    }

    /** @return the tag byte of the offending frame (0–255), or -1 if not known */
    public int tag() {
        return tag;
    }

    /** @return the stream offset of the offending frame's first byte, or -1 if not known */
    public long offset() {
        return offset;
    }

    /** @return up to 32 bytes at {@link #offset()} as lower-case hex pairs separated by spaces */
    public String hexExcerpt() {
        return hexExcerpt;
    }

    /**
     * Renders a tag byte for messages: {@code 'w' (0x77)}, or {@code 0x05} when it is not printable.
     *
     * @param tag the tag byte, or -1
     * @return a printable rendering
     */
    public static String describeTag(int tag) {
        if (tag < 0) {
            return "(none)";
        }
        if (tag >= 0x20 && tag < 0x7f) {
            return String.format("'%c' (0x%02x)", (char) tag, tag);
        }
        return String.format("0x%02x", tag);
    }
}
