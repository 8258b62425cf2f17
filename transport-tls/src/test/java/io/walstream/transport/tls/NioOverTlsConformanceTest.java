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

    @Override
    public Capabilities capabilities() {
        return Capabilities.minimal().withIpv6(true).with(Capability.WRITE_TIMEOUT, true);
    }
}
