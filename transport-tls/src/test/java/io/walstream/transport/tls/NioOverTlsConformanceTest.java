package io.walstream.transport.tls;

import io.walstream.spi.TransportProvider;
import io.walstream.testkit.Capabilities;
import io.walstream.testkit.Capability;
import io.walstream.testkit.TlsLayeredProvider;
import io.walstream.testkit.TransportConformanceSuite;
import io.walstream.transport.nio.NioTransportProvider;

/** The whole transport conformance suite over BouncyCastle TLS on the nio transport, against the testkit's TLS relay. */
class NioOverTlsConformanceTest extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return new TlsLayeredProvider(new NioTransportProvider(), new BcTlsLayer());
    }

    /**
     * No HALF_CLOSE (OP-01): BouncyCastle answers the peer's close_notify by closing its side too ("Cannot write
     * application data on closed/failed TLS connection"), so writing after the server's half-close is not possible
     * over TLS. PostgreSQL never half-closes.
     */
    @Override
    public Capabilities capabilities() {
        return Capabilities.minimal().withIpv6(true).with(Capability.WRITE_TIMEOUT, true);
    }
}
