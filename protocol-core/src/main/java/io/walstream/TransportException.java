package io.walstream;

/**
 * An I/O failure reported by a transport's {@code ByteSource} or {@code ByteSink}, translated once at the
 * drain-loop boundary. Transient: a new connection may succeed.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class TransportException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public TransportException() {
        super();
    }

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(Throwable cause) {
        super(cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
