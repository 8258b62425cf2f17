package io.walstream.transport.tls;

import io.walstream.spi.ClientCertificateMode;
import io.walstream.spi.SecureTransport;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsSession;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportLayer;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * The {@link TransportLayer} named {@code bouncycastle}: BouncyCastle's {@link TlsClientProtocol} in non-blocking
 * mode over any walstream transport. Found by {@link java.util.ServiceLoader}.
 *
 * <p><b>Thread safety:</b> stateless; {@link #wrap} may run on many threads at once.
 */
public final class BcTlsLayer implements TransportLayer {

    /** The layer's name. */
    public static final String NAME = "bouncycastle";

    /** For {@link java.util.ServiceLoader}. */
    public BcTlsLayer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SecureTransport wrap(Transport transport, TlsParameters parameters, long timeoutNanos) throws IOException {
        return wrap(transport, parameters, timeoutNanos, CryptoBackend.configured());
    }

    SecureTransport wrap(Transport transport, TlsParameters parameters, long timeoutNanos, CryptoBackend backend)
            throws IOException {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        ServerCertificateCheck check = ServerCertificateCheck.load(parameters);
        ClientKeyMaterial key = parameters.clientCertificateMode() == ClientCertificateMode.DISABLE ? null
                : ClientKeyMaterial.load(parameters);
        if (key == null && parameters.clientCertificateMode() == ClientCertificateMode.REQUIRE) {
            throw new IOException("sslcertmode=require, but no client certificate is configured (sslcert "
                    + parameters.clientCertificate().map(Object::toString).orElse("unset") + " does not exist)");
        }
        TlsClientProtocol protocol = new TlsClientProtocol();
        PgTlsClient client = new PgTlsClient(backend.create(), parameters, check, key);
        TlsChannel channel = new TlsChannel(protocol, transport);
        try {
            protocol.connect(client);
            channel.send(true);
            while (protocol.isHandshaking()) {
                long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (wait <= 0) {
                    throw new IOException("the TLS handshake did not finish in time");
                }
                int r = channel.pump(wait);
                if (r < 0) {
                    throw new IOException("the server closed the connection during the TLS handshake");
                }
            }
            channel.send(true);
        } catch (TlsFatalAlert | TlsFatalAlertReceived e) {
            sendAlertQuietly(channel);
            throw failure(client, e, parameters);
        } catch (IOException e) {
            sendAlertQuietly(channel);
            if (client.failure() != null) {
                throw new IOException(client.failure().getMessage(), e);
            }
            throw e;
        }
        SecurityParameters sp = client.clientContext().getSecurityParametersConnection();
        ProtocolName alpn = sp.getApplicationProtocol();
        if (parameters.applicationProtocolRequired() && alpn == null) {
            throw new IOException("the server did not agree to ALPN " + parameters.applicationProtocols()
                    + ", which direct TLS requires (PostgreSQL 17 or later)");
        }
        if (parameters.clientCertificateMode() == ClientCertificateMode.REQUIRE && !client.certificateSent()) {
            throw new IOException("sslcertmode=require, but the server " + (client.certificateRequested()
                    ? "asked for a client certificate and none fitting its signature algorithms was sent"
                    : "did not ask for a client certificate"));
        }
        List<X509Certificate> chain = client.peerChain();
        byte[] endPoint = chain.isEmpty() ? null : ChannelBindingData.tlsServerEndPoint(chain.get(0));
        TlsSession session = new TlsSession(PgTlsClient.versionName(sp.getNegotiatedVersion()),
                CipherSuites.name(sp.getCipherSuite()), chain, alpn == null ? null : alpn.getUtf8Decoding(),
                client.certificateSent(), NAME + "/" + backend.name().toLowerCase(java.util.Locale.ROOT), endPoint);
        return new BcTlsTransport(channel, session);
    }

    private static IOException failure(PgTlsClient client, Exception e, TlsParameters parameters) {
        if (client.failure() != null) {
            return new IOException(client.failure().getMessage(), e);
        }
        short alert = e instanceof TlsFatalAlert ? ((TlsFatalAlert) e).getAlertDescription()
                : ((TlsFatalAlertReceived) e).getAlertDescription();
        String who = e instanceof TlsFatalAlertReceived ? "the server sent TLS alert " : "TLS alert ";
        return new IOException(who + AlertDescription.getText(alert) + Alerts.hint(alert, parameters)
                + (e.getMessage() != null && !(e instanceof TlsFatalAlertReceived) ? ": " + e.getMessage() : ""), e);
    }

    private static void sendAlertQuietly(TlsChannel channel) {
        try {
            channel.send(true);
        } catch (IOException | RuntimeException ignored) {
            // the connection is failing anyway
        }
    }
}
