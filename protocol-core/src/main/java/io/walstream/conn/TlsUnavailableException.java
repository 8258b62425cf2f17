package io.walstream.conn;

import io.walstream.WalstreamException;

/**
 * The configuration requires TLS ({@code sslmode=require}, {@code verify-ca} or {@code verify-full}) but no TLS
 * layer is installed. Raised before anything is sent, so no password can leave the machine in clear text.
 * Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class TlsUnavailableException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public TlsUnavailableException() {
        super();
    }

    public TlsUnavailableException(String message) {
        super(message);
    }

    public TlsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TlsUnavailableException(Throwable cause) {
        super(cause);
    }
}
