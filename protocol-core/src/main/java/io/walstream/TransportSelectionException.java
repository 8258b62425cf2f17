package io.walstream;

/**
 * No single transport could be chosen: none is installed, the requested one is missing, or several tie.
 * A configuration problem, so permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class TransportSelectionException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public TransportSelectionException() {
        super();
    }

    public TransportSelectionException(String message) {
        super(message);
    }

    public TransportSelectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportSelectionException(Throwable cause) {
        super(cause);
    }
}
