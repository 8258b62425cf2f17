package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite passes a correct transport, optional rules included. */
class ReferenceTransportConformanceTest extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return new PlainSocketTransportProvider();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }
}
