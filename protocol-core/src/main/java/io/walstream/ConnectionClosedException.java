package io.walstream;

/**
 * The server closed the connection cleanly between two frames: no bytes were lost, but no more will come.
 * Transient, because a reconnect may succeed. End of stream <em>inside</em> a frame is a
 * {@link TruncatedFrameException} instead.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ConnectionClosedException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public ConnectionClosedException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public ConnectionClosedException(String message) {
        this(message, -1);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    public ConnectionClosedException(Throwable cause) {
        super(cause);
        this.offset = -1;
    }

    /** @return the stream offset at which the end of stream was seen, or -1 if unknown */
    public long offset() {
        return offset;
    }
}
