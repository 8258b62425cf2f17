package io.walstream.testkit;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportLayer;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.testkit.wire.TlsRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;

/**
 * "Conformance over TLS": a {@link TransportProvider} that connects with another provider through a
 * {@link TlsRelay} and wraps the result with a {@link TransportLayer}, so that the whole
 * {@link TransportConformanceSuite} runs against {@code layer} over {@code inner}. The suite's plain peers sit
 * behind the relay; the connection to them is made first (honouring {@link TransportOption#CONNECT_TIMEOUT}), so
 * refused and unresponsive endpoints fail as they would without TLS. The server is verified as
 * {@code verify-full} against {@link TestPki#rootCertificate()}.
 *
 * <pre>{@code
 * class NioOverTlsConformanceTest extends TransportConformanceSuite {
 *     @Override public TransportProvider provider() { return new TlsLayeredProvider(new NioTransportProvider(), new BcTlsLayer()); }
 * }
 * }</pre>
 *
 * <p><b>Thread safety:</b> thread-safe; each connection has its own relay.
 */
public final class TlsLayeredProvider implements TransportProvider {

    private final TransportProvider inner;
    private final TransportLayer layer;

    /**
     * @param inner the transport under the TLS layer
     * @param layer the TLS layer under test
     */
    public TlsLayeredProvider(TransportProvider inner, TransportLayer layer) {
        this.inner = inner;
        this.layer = layer;
    }

    @Override
    public String name() {
        return inner.name() + "-" + layer.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean supports(TransportOptions options) {
        return inner.supports(options);
    }

    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Duration timeout = options.get(TransportOption.CONNECT_TIMEOUT);
        Socket downstream = new Socket();
        try {
            downstream.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            downstream.setTcpNoDelay(true);
        } catch (IOException e) {
            downstream.close();
            throw new IOException("Could not connect to " + endpoint + ": " + e.getMessage(), e);
        }
        TestPki pki = TestPki.shared();
        TlsRelay relay = TlsRelay.start(pki.serverSslContext(), downstream, false);
        Transport raw;
        try {
            raw = inner.connect(relay.endpoint(), options);
        } catch (IOException e) {
            relay.close();
            throw e;
        }
        TlsParameters parameters = TlsParameters.builder(endpoint.host())
                .verification(TlsVerification.CHAIN_AND_HOST)
                .rootCertificates(pki.rootCertificate())
                .build();
        Transport secure;
        try {
            secure = layer.wrap(raw, parameters, Duration.ofSeconds(10).toNanos());
        } catch (IOException e) {
            raw.close();
            relay.close();
            throw e;
        }
        TransportInfo in = secure.info();
        TransportInfo info = new TransportInfo(name(), endpoint, in.localAddress(), downstream.getRemoteSocketAddress(),
                in.detail());
        return new Transport() {
            @Override
            public ByteSource source() {
                return secure.source();
            }

            @Override
            public ByteSink sink() {
                return secure.sink();
            }

            @Override
            public TransportInfo info() {
                return info;
            }

            /** The relay finishes by itself once both directions ended, after forwarding what was in flight. */
            @Override
            public void close() throws IOException {
                secure.close();
            }
        };
    }
}
