package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/**
 * The suite passes a correct transport, optional rules included — except OP-03: blocking socket streams cannot
 * bound a write, so this reference does not declare {@link Capability#WRITE_TIMEOUT} and OP-03 is reported skipped.
 */
class ReferenceTransportConformanceTest extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return new PlainSocketTransportProvider();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all().with(Capability.WRITE_TIMEOUT, false);
    }
}
