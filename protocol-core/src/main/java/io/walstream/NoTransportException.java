package io.walstream;

/**
 * No usable {@code TransportProvider} was found, or the one named explicitly is not among them. The message
 * lists what was found and the artifacts to add.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class NoTransportException extends TransportSelectionException {
    private static final long serialVersionUID = 1L;

    public NoTransportException() {
        super();
    }

    public NoTransportException(String message) {
        super(message);
    }

    public NoTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public NoTransportException(Throwable cause) {
        super(cause);
    }
}
