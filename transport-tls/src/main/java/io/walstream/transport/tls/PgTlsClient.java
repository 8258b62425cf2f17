package io.walstream.transport.tls;

import io.walstream.spi.ClientCertificateMode;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The BouncyCastle client for one connection: offers the configured protocol range, SNI for host names, ALPN
 * {@code postgresql}; checks the server's certificate as {@link TlsParameters#verification()} asks
 * ({@link ServerCertificateCheck}); answers a certificate request with the configured client certificate.
 * A failure keeps its full explanation in {@link #failure()}, since the TLS alert carries only a code.
 *
 * <p><b>Thread safety:</b> confined to the handshake's thread.
 */
final class PgTlsClient extends DefaultTlsClient {

    private final TlsParameters parameters;
    private final ServerCertificateCheck check;
    private final ClientKeyMaterial clientKey;
    private IOException failure;
    private List<X509Certificate> peerChain = List.of();
    private boolean certificateRequested;
    private boolean certificateSent;

    PgTlsClient(TlsCrypto crypto, TlsParameters parameters, ServerCertificateCheck check, ClientKeyMaterial clientKey) {
        super(crypto);
        this.parameters = parameters;
        this.check = check;
        this.clientKey = clientKey;
    }

    org.bouncycastle.tls.TlsClientContext clientContext() {
        return context;
    }

    IOException failure() {
        return failure;
    }

    List<X509Certificate> peerChain() {
        return peerChain;
    }

    boolean certificateRequested() {
        return certificateRequested;
    }

    boolean certificateSent() {
        return certificateSent;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        ProtocolVersion max = version(parameters.maxProtocol().orElse("TLSv1.3"));
        ProtocolVersion min = version(parameters.minProtocol().orElse("TLSv1"));
        return max.downTo(min);
    }

    static ProtocolVersion version(String name) {
        switch (name) {
            case "TLSv1":
                return ProtocolVersion.TLSv10;
            case "TLSv1.1":
                return ProtocolVersion.TLSv11;
            case "TLSv1.2":
                return ProtocolVersion.TLSv12;
            default:
                return ProtocolVersion.TLSv13;
        }
    }

    static String versionName(ProtocolVersion v) {
        if (ProtocolVersion.TLSv13.equals(v)) {
            return "TLSv1.3";
        }
        if (ProtocolVersion.TLSv12.equals(v)) {
            return "TLSv1.2";
        }
        if (ProtocolVersion.TLSv11.equals(v)) {
            return "TLSv1.1";
        }
        return ProtocolVersion.TLSv10.equals(v) ? "TLSv1" : String.valueOf(v);
    }

    /**
     * Key shares for X25519 and P-256 in the first ClientHello: PostgreSQL before 18 allows only P-256 by default
     * ({@code ssl_ecdh_curve = prime256v1}), so offering X25519 alone costs a HelloRetryRequest round trip.
     */
    @Override
    public Vector<Integer> getEarlyKeyShareGroups() {
        Vector<Integer> groups = new Vector<>();
        groups.add(org.bouncycastle.tls.NamedGroup.x25519);
        groups.add(org.bouncycastle.tls.NamedGroup.secp256r1);
        return groups;
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        Vector<ProtocolName> names = new Vector<>();
        for (String p : parameters.applicationProtocols()) {
            names.add(ProtocolName.asUtf8Encoding(p));
        }
        return names.isEmpty() ? null : names;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        String host = parameters.serverName();
        if (!parameters.sendServerName() || host.isEmpty() || HostNameRules.isIpLiteral(host)) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (failure == null && alertDescription != AlertDescription.close_notify) {
            failure = new IOException("the server sent TLS alert " + AlertDescription.getText(alertDescription)
                    + Alerts.hint(alertDescription, parameters));
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                peerChain = toX509(serverCertificate.getCertificate());
                if (parameters.verification() == TlsVerification.NONE) {
                    return;
                }
                try {
                    check.verify(peerChain);
                } catch (CertificateException e) {
                    failure = new IOException(e.getMessage(), e);
                    throw new TlsFatalAlert(Alerts.forCertificateFailure(e), e.getMessage());
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                certificateRequested = true;
                if (clientKey == null || parameters.clientCertificateMode() == ClientCertificateMode.DISABLE) {
                    return null;
                }
                TlsCredentials c = clientKey.credentials(context, (org.bouncycastle.tls.crypto.TlsCrypto) getCrypto(),
                        request);
                certificateSent = c != null;
                return c;
            }
        };
    }

    private List<X509Certificate> toX509(Certificate chain) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (TlsCertificate c : chain.getCertificateList()) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
            }
        } catch (CertificateException e) {
            failure = new IOException("the server sent a certificate that cannot be parsed: " + e.getMessage(), e);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
        }
        return List.copyOf(out);
    }


}
