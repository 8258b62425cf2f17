package io.walstream.transport.tls;

import java.security.cert.CertificateException;

/**
 * The server's certificate chain does not lead to a trusted root (unknown CA or a missing intermediate).
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
final class UnknownCaException extends CertificateException {
    private static final long serialVersionUID = 1L;

    UnknownCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
