package io.walstream;

/**
 * The stream ended inside a frame: the header or part of the body had arrived, the rest never will
 * (OkHttp treats EOF before a header as a normal close and EOF inside one as this). Transient: the bytes
 * were lost in transit, not malformed, so a reconnect that resumes from a confirmed position is safe.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class TruncatedFrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public TruncatedFrameException(String message) {
        super(message);
    }

    public TruncatedFrameException(String message, Throwable cause) {
        super(message, cause);
    }

    public TruncatedFrameException(Throwable cause) {
        super(cause);
    }

    public TruncatedFrameException(String message, int tag, long offset, String hexExcerpt) {
        super(message, tag, offset, hexExcerpt, null);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
