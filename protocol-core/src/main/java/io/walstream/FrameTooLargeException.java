package io.walstream;

/**
 * A frame declared a length above the configured maximum. Raised from the five header bytes, before any
 * memory for the body is allocated (Netty's {@code TooLongFrameException}). Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final long declaredLength;
    private final long limit;

    public FrameTooLargeException(String message) {
        this(message, -1, -1, "", -1, -1);
    }

    public FrameTooLargeException(String message, Throwable cause) {
        super(message, cause);
        this.declaredLength = -1;
        this.limit = -1;
    }

    public FrameTooLargeException(Throwable cause) {
        super(cause);
        this.declaredLength = -1;
        this.limit = -1;
    }

    public FrameTooLargeException(String message, int tag, long offset, String hexExcerpt,
                                  long declaredLength, long limit) {
        super(message, tag, offset, hexExcerpt, null);
        this.declaredLength = declaredLength;
        this.limit = limit;
    }

    /** @return the length the frame header declared (including its own four bytes) */
    public long declaredLength() {
        return declaredLength;
    }

    /** @return the configured maximum frame length */
    public long limit() {
        return limit;
    }
}
