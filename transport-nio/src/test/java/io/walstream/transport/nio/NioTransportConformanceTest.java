package io.walstream.transport.nio;

import io.walstream.spi.TransportProvider;
import io.walstream.testkit.Capabilities;
import io.walstream.testkit.Capability;
import io.walstream.testkit.TransportConformanceSuite;

/** The full transport conformance suite against the nio transport. */
class NioTransportConformanceTest extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return new NioTransportProvider();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.minimal().withHalfClose(true).withIpv6(true).with(Capability.WRITE_TIMEOUT, true);
    }
}
