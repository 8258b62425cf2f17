package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.IgnoresPosition}; run only through the JUnit Platform Test Kit. */
public class BrokenIgnoresPositionSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.IgnoresPosition::new);
    }
}
