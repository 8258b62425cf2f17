package io.walstream.spi;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about a negotiated TLS session, for logs, diagnostics and SCRAM channel binding.
 *
 * <p><b>Thread safety:</b> immutable; the binding data is copied in and out.
 *
 * @param protocol the protocol version, e.g. {@code TLSv1.3}
 * @param cipherSuite the IANA cipher suite name, e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param peerCertificates the server's certificate chain as sent, leaf first; may be empty
 * @param applicationProtocol the ALPN protocol the server agreed to, or {@code null} if none
 * @param clientCertificateSent whether a client certificate was sent
 * @param layer the {@link TransportLayer#name()} that made the session
 * @param tlsServerEndPoint the RFC 5929 {@code tls-server-end-point} channel-binding data (the leaf certificate
 *        hashed with the hash of its signature algorithm, MD5 and SHA-1 mapped to SHA-256), or {@code null}
 *        if it cannot be computed (for example an Ed25519 signature)
 */
public record TlsSession(String protocol, String cipherSuite, List<X509Certificate> peerCertificates,
                         String applicationProtocol, boolean clientCertificateSent, String layer,
                         byte[] tlsServerEndPoint) {

    public TlsSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
        Objects.requireNonNull(layer, "layer");
        tlsServerEndPoint = tlsServerEndPoint == null ? null : tlsServerEndPoint.clone();
    }

    /** @return a copy of the {@code tls-server-end-point} data, if it could be computed */
    public Optional<byte[]> channelBindingData() {
        return Optional.ofNullable(tlsServerEndPoint).map(byte[]::clone);
    }

    @Override
    public byte[] tlsServerEndPoint() {
        return tlsServerEndPoint == null ? null : tlsServerEndPoint.clone();
    }

    /** @return the leaf certificate's subject, or {@code ""} without a peer certificate */
    public String peerSubject() {
        return peerCertificates.isEmpty() ? "" : peerCertificates.get(0).getSubjectX500Principal().getName();
    }

    /** @return one line for logs: protocol, cipher, peer subject, ALPN; never key material */
    public String describe() {
        return protocol + " " + cipherSuite + ", peer \"" + peerSubject() + "\", ALPN "
                + (applicationProtocol == null ? "none" : applicationProtocol)
                + (clientCertificateSent ? ", client certificate sent" : "") + " (" + layer + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSession && ((TlsSession) o).describe().equals(describe())
                && Arrays.equals(((TlsSession) o).tlsServerEndPoint, tlsServerEndPoint);
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "TlsSession[" + describe() + "]";
    }
}
