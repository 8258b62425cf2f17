package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.NeverEof}; run only through the JUnit Platform Test Kit. */
public class BrokenNeverEofSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.NeverEof::new);
    }
}
