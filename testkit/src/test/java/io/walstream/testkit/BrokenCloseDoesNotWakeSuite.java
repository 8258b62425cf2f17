package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.CloseDoesNotWake}; run only through the JUnit Platform Test Kit. */
public class BrokenCloseDoesNotWakeSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.CloseDoesNotWake::new);
    }
}
