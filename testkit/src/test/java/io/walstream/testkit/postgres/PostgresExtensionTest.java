package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The JUnit integration, checked by running sample classes in the engine test kit. */
class PostgresExtensionTest {

    @Test
    @LiveServer
    void runsPerVersionAttachesServerLogToFailuresAndClosesServer() {
        PostgresVersion version = PostgresVersion.selected().get(0);
        EngineExecutionResults results = runWithSelection(FailingPostgresSample.class,
                Integer.toString(version.major()));

        List<String> runs = results.containerEvents().started().stream()
                .map(event -> event.getTestDescriptor().getDisplayName())
                .filter(name -> name.startsWith("PostgreSQL"))
                .collect(Collectors.toList());
        assertEquals(List.of("PostgreSQL " + version.major()), runs);
        assertEquals(1, results.testEvents().succeeded().count());
        List<Event> failures = results.testEvents().failed().list();
        assertEquals(1, failures.size());

        Throwable failure = failures.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertTrue(failure.getMessage().contains("deliberate failure"), failure.toString());
        Throwable log = Arrays.stream(failure.getSuppressed()).filter(ServerLogTail.class::isInstance)
                .findFirst().orElseThrow(() -> new AssertionError("no server log attached", failure));
        assertTrue(log.getMessage().contains("database system is ready to accept connections"), log.getMessage());

        PostgresServer server = FailingPostgresSample.SERVER.get();
        assertNotNull(server);
        assertFalse(server.isRunning());
        assertFalse(Files.exists(server.dataDirectory()), server.dataDirectory().toString());
    }

    @Test
    void classWithoutApplicableVersionIsSkippedWithReason() {
        EngineExecutionResults results = runWithSelection(UnselectableSample.class, null);
        List<Event> skipped = results.containerEvents().skipped().list();
        assertEquals(1, skipped.size());
        String reason = skipped.get(0).getPayload(String.class).orElse("");
        assertTrue(reason.contains("No PostgreSQL version") && reason.contains("min=99"), reason);
        assertEquals(0, results.testEvents().started().count());
    }

    @Test
    void beforeAllCannotTakeServerAndSaysWhy() {
        EngineExecutionResults results = runWithSelection(BeforeAllSample.class, null);
        Throwable failure = results.containerEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
        assertTrue(failure.getMessage().contains("run once around all versions"), failure.toString());
        assertEquals(0, results.testEvents().started().count());
    }

    private static EngineExecutionResults runWithSelection(Class<?> sample, String selection) {
        String previous = System.getProperty(PostgresVersion.SELECTION_PROPERTY);
        try {
            if (selection != null) {
                System.setProperty(PostgresVersion.SELECTION_PROPERTY, selection);
            }
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(SampleGate.KEY, "true")
                    .selectors(selectClass(sample))
                    .execute();
        } finally {
            if (previous == null) {
                System.clearProperty(PostgresVersion.SELECTION_PROPERTY);
            } else {
                System.setProperty(PostgresVersion.SELECTION_PROPERTY, previous);
            }
        }
    }
}
