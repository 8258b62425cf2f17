package io.walstream;

/**
 * A frame whose header or body cannot be valid: a declared length below 4, or a body that does not parse.
 * Like Netty's {@code CorruptedFrameException}. Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class MalformedFrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedFrameException(Throwable cause) {
        super(cause);
    }

    public MalformedFrameException(String message, int tag, long offset, String hexExcerpt) {
        super(message, tag, offset, hexExcerpt, null);
    }
}
