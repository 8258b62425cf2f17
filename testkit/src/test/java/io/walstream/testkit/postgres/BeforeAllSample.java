package io.walstream.testkit.postgres;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Asks for a server in {@code @BeforeAll}, which cannot have one; run by {@link PostgresExtensionTest}. */
@ExtendWith(SampleGate.class)
@PostgresTest
class BeforeAllSample {
    @BeforeAll
    static void takesServer(PostgresServer server) {
        throw new AssertionError("must not be called");
    }

    @Test
    void neverRuns() {
        throw new AssertionError("must not run");
    }
}
