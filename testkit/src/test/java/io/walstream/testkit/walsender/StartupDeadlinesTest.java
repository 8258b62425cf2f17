package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.TransportException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.pgoutput.Commit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The start-up deadline (default 30 s) and the deadline for the answers while a session starts (default 60 s,
 * START_REPLICATION included) against a fake walsender that stalls with TCP still up (defect 11): each passes as a
 * transient failure with a message naming what was waited for and how long, and is retried like one. The deadlines
 * are configured small here; nothing sleeps.
 */
class StartupDeadlinesTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void theDefaultsAreDocumentedValues() {
        ReplicationConfig c = ReplicationConfig.builder("postgresql://u@localhost/app").slot("s").publications("p")
                .build();
        assertEquals(Duration.ofSeconds(30), c.connection().startupTimeout());
        assertEquals(Connector.DEFAULT_STARTUP_TIMEOUT, c.connection().startupTimeout());
        assertEquals(Duration.ofSeconds(60), c.startReplicationTimeout());
        assertEquals(Duration.ofSeconds(5), ReplicationConfig.builder("postgresql://u@localhost/app?connect_timeout=5")
                .slot("s").publications("p").build().connection().startupTimeout(), "connect_timeout sets it");
        assertEquals(SHORT, ReplicationConfig.builder("postgresql://u@localhost/app?connect_timeout=5")
                .slot("s").publications("p").startupTimeout(SHORT).build().connection().startupTimeout(),
                "the explicit one wins");
        assertThrows(IllegalArgumentException.class, () -> ReplicationConfig.builder("postgresql://u@localhost/app")
                .startupTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ReplicationConfig.builder("postgresql://u@localhost/app")
                .startReplicationTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void aServerSilentAfterTheStartupMessageFailsOpenAtTheStartupDeadline() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueSilence();
            long t0 = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> LogicalReplicationStream.open(
                    Streams.config(server).reconnect(ReconnectPolicy.NEVER).startupTimeout(SHORT).build()));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().startsWith("Timed out connecting to " + server.endpoint()), e.getMessage());
            assertTrue(e.getMessage().contains("the start-up deadline of 300 ms"), e.getMessage());
            assertTrue(millis >= 250, "not before the deadline: " + millis + " ms");
        }
    }

    @Test
    void aServerStalledDuringAuthenticationFailsAtTheStartupDeadlineAndNoSecretIsShown() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueAuthStall();
            String url = server.connectionString("walstream", "hunter2-secret");
            TransportException e = assertThrows(TransportException.class, () -> LogicalReplicationStream.open(
                    ReplicationConfig.builder(url).slot("s").publications("p").reconnect(ReconnectPolicy.NEVER)
                            .startupTimeout(SHORT).build()));
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("the start-up deadline of 300 ms"), e.getMessage());
            assertTrue(!e.toString().contains("hunter2"), e.toString());
        }
    }

    @Test
    void connectTimeoutIsNamedWhenItSetTheDeadline() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueSilence();
            // connect_timeout counts whole seconds and at least 2 (libpq): the shortest it can be
            ConnectionConfig cc = ConnectionConfig.parse(server.connectionString() + "&connect_timeout=2");
            TransportException e = assertThrows(TransportException.class, () -> Connector.connect(cc));
            assertTrue(e.getMessage().contains("connect_timeout 2 s"), e.getMessage());
        }
    }

    @Test
    void aStalledStartupIsRetriedOnANewConnection() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueSilence();
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .startupTimeout(SHORT).build())) {
                assertEquals(Scripts.end(1), ((Commit) nextCommit(stream).message()).endLsn());
            }
            assertEquals(2, server.connections());
        }
    }

    @Test
    void noAnswerToStartReplicationFailsAtItsDeadline() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartSilence();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .reconnect(ReconnectPolicy.NEVER).startReplicationTimeout(SHORT).build())) {
                long t0 = System.nanoTime();
                TransportException e = assertThrows(TransportException.class, stream::start);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(e.isTransient());
                assertTrue(e.getMessage().equals("No answer from " + server.endpoint()
                        + " to START_REPLICATION within 300 ms"), e.getMessage());
                assertTrue(millis >= 250, "not before the deadline: " + millis + " ms");
            }
            assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("START_REPLICATION")),
                    server.commands().toString());
        }
    }

    @Test
    void noAnswerToStartReplicationIsRetriedOnANewConnection() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartSilence();
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .startReplicationTimeout(SHORT).build())) {
                assertEquals(Scripts.end(1), ((Commit) nextCommit(stream).message()).endLsn());
            }
            assertEquals(2, server.connections());
        }
    }

    @Test
    void noAnswerToIdentifySystemOrToTheChecksCountsAgainstTheSameDeadline() throws Exception {
        for (String command : new String[] {"IDENTIFY_SYSTEM", "SELECT"}) {
            try (FakeWalSender server = FakeWalSender.start()) {
                server.enqueueSilenceAt(command);
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                        .reconnect(ReconnectPolicy.NEVER).startReplicationTimeout(SHORT).build())) {
                    TransportException e = assertThrows(TransportException.class, stream::start, command);
                    assertTrue(e.isTransient());
                    assertEquals("No answer from " + server.endpoint() + " within the query timeout of 300 ms",
                            e.getMessage(), command);
                }
                assertTrue(server.commands().stream().noneMatch(c -> c.startsWith("START_REPLICATION")),
                        server.commands().toString());
            }
        }
    }

    private static ReplicationEvent nextCommit(LogicalReplicationStream stream) {
        long deadline = System.nanoTime() + Streams.T.toNanos();
        while (System.nanoTime() < deadline) {
            ReplicationEvent e = stream.next(Duration.ofMillis(100));
            if (e != null && e.message() instanceof Commit) {
                return e;
            }
        }
        throw new AssertionError("no commit within " + Streams.T);
    }
}
