package io.walstream;

/**
 * A read was cancelled through {@code FrameDecoder.cancel()} and no buffered frame was left to return.
 * Frames that had already arrived are always handed out before this is thrown, so cancellation never loses
 * received data.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class CancelledException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super();
    }

    public CancelledException(String message) {
        super(message);
    }

    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }

    public CancelledException(Throwable cause) {
        super(cause);
    }
}
