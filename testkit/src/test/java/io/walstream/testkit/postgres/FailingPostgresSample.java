package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A class whose one test fails on purpose, run by {@link PostgresExtensionTest}. */
@ExtendWith(SampleGate.class)
@PostgresTest
class FailingPostgresSample {
    static final AtomicReference<PostgresServer> SERVER = new AtomicReference<>();

    @Test
    void keepsServer(PostgresServer server) {
        SERVER.set(server);
    }

    @Test
    void failsOnPurpose(PostgresServer server) {
        fail("deliberate failure on " + server.version());
    }
}
