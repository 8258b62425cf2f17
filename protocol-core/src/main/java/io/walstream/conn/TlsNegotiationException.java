package io.walstream.conn;

import io.walstream.WalstreamException;

/**
 * TLS could not be set up as the configuration demands: the server refused SSLRequest under
 * {@code sslmode=require} or stronger, the handshake failed, or the server's certificate did not pass the
 * checks of {@code verify-ca} / {@code verify-full} (the message names subject, issuer, expected host and the
 * names seen). Permanent: retrying the same host will not help, though the next host of a list is tried.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class TlsNegotiationException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public TlsNegotiationException(String message) {
        super(message);
    }

    public TlsNegotiationException(String message, Throwable cause) {
        super(message, cause);
    }
}
