package io.walstream.transport.tls;

import io.walstream.spi.TransportProvider;
import io.walstream.testkit.Capabilities;
import io.walstream.testkit.Capability;
import io.walstream.testkit.TlsLayeredProvider;
import io.walstream.testkit.TransportConformanceSuite;
import io.walstream.transport.netty.NettyTransportProvider;

/** The whole transport conformance suite over BouncyCastle TLS on the netty transport, against the testkit's TLS relay. */
class NettyOverTlsConformanceTest extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return new TlsLayeredProvider(new NettyTransportProvider(), new BcTlsLayer());
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.minimal().withIpv6(true).with(Capability.WRITE_TIMEOUT, true);
    }
}
