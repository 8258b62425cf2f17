package io.walstream.testkit.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Asks for a version nobody selects, run by {@link PostgresExtensionTest}. */
@ExtendWith(SampleGate.class)
@PostgresTest
@PostgresVersions(min = 99)
class UnselectableSample {
    @Test
    void neverRuns() {
        throw new AssertionError("must be skipped");
    }
}
