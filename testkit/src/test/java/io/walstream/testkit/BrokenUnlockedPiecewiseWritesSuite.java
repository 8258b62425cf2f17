package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.UnlockedPiecewiseWrites}; run only through the JUnit Platform Test Kit. */
public class BrokenUnlockedPiecewiseWritesSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.UnlockedPiecewiseWrites::new);
    }
}
