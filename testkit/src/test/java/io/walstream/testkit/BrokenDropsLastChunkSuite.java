package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/** The suite against {@link BrokenTransports.DropsLastChunk}; run only through the JUnit Platform Test Kit. */
public class BrokenDropsLastChunkSuite extends TransportConformanceSuite {

    @Override
    public TransportProvider provider() {
        return BrokenTransports.provider("broken", BrokenTransports.DropsLastChunk::new);
    }
}
