package io.walstream.testkit;

import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;

/**
 * What every rule family needs from the transport under test. Implement this (through
 * {@link TransportConformanceSuite}, or by implementing the rule interfaces directly when your test class must
 * extend something else).
 *
 * <p><b>Thread safety:</b> implementations are called from the JUnit thread and the suite's helper threads;
 * return the same values every time.
 */
public interface TransportContract {

    /** @return the provider under test; may be a new instance per call */
    TransportProvider provider();

    /** @return the optional capabilities the transport declares; default: none */
    default Capabilities capabilities() {
        return Capabilities.minimal();
    }

    /** @return the options every connection in the suite uses; default: {@link TransportOptions#defaults()} */
    default TransportOptions options() {
        return TransportOptions.defaults();
    }
}
