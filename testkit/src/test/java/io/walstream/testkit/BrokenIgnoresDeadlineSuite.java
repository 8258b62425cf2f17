package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.IgnoresDeadline}; run only through the JUnit Platform Test Kit. */
public class BrokenIgnoresDeadlineSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.IgnoresDeadline::new);
    }
}
