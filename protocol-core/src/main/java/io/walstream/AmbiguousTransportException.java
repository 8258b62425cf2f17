package io.walstream;

/**
 * Several usable transports share the highest priority and none was named. The message names the
 * candidates and the property that picks one ({@code walstream.transport}).
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class AmbiguousTransportException extends TransportSelectionException {
    private static final long serialVersionUID = 1L;

    public AmbiguousTransportException() {
        super();
    }

    public AmbiguousTransportException(String message) {
        super(message);
    }

    public AmbiguousTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public AmbiguousTransportException(Throwable cause) {
        super(cause);
    }
}
