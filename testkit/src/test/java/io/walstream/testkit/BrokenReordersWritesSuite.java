package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.ReordersWrites}; run only through the JUnit Platform Test Kit. */
public class BrokenReordersWritesSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.ReordersWrites::new);
    }
}
