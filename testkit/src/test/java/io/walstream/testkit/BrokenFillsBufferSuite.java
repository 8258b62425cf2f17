package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.FillsBuffer}; run only through the JUnit Platform Test Kit. */
public class BrokenFillsBufferSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.FillsBuffer::new);
    }
}
