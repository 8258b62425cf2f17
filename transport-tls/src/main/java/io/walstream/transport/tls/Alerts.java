package io.walstream.transport.tls;

import io.walstream.spi.TlsParameters;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import org.bouncycastle.tls.AlertDescription;

/**
 * TLS alert codes for certificate failures, and the hints added to alerts received from the server.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Alerts {

    private Alerts() {
    }

    static short forCertificateFailure(Exception e) {
        if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
            return AlertDescription.certificate_expired;
        }
        if (e instanceof RevokedCertificateException) {
            return AlertDescription.certificate_revoked;
        }
        if (e instanceof UnknownCaException) {
            return AlertDescription.unknown_ca;
        }
        return AlertDescription.bad_certificate;
    }

    static String hint(short alert, TlsParameters p) {
        switch (alert) {
            case AlertDescription.protocol_version:
                return " (no common protocol version; the client offered "
                        + p.minProtocol().orElse("TLSv1") + " to " + p.maxProtocol().orElse("TLSv1.3")
                        + ", see ssl_min_protocol_version / ssl_max_protocol_version)";
            case AlertDescription.certificate_required:
            case AlertDescription.handshake_failure:
                return " (the server may require a client certificate: set sslcert and sslkey)";
            case AlertDescription.no_application_protocol:
                return " (the server refused ALPN " + p.applicationProtocols() + ")";
            case AlertDescription.unknown_ca:
            case AlertDescription.bad_certificate:
            case AlertDescription.certificate_unknown:
                return " (the server rejected the client certificate)";
            case AlertDescription.certificate_revoked:
                return " (the server found the client certificate revoked)";
            case AlertDescription.certificate_expired:
                return " (the server found the client certificate expired)";
            default:
                return "";
        }
    }
}
