package io.walstream.transport.tls;

import java.security.cert.CertificateException;

/**
 * A certificate of the server's chain is revoked by a configured CRL, or its revocation status is unknown.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
final class RevokedCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    RevokedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
