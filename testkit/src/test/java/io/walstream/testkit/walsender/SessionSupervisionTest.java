package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ClusterMismatchException;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.ServerError;
import io.walstream.pgoutput.Commit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconnecting on a fake walsender: a silent server (defect 11), a slot still active at the first start (defect
 * 12), a different cluster or timeline after a reconnect (defect 9), transient failures while opening (defect 8).
 */
class SessionSupervisionTest {

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

    @Test
    void aSilentServerIsPingedHalfWayThenLeftForANewConnection() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().stallUntilClosed());
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .receiveTimeout(Duration.ofSeconds(1)).build())) {
                ReplicationEvent commit = nextCommit(stream);
                assertEquals(Scripts.end(1), ((Commit) commit.message()).endLsn());
                assertEquals(1, stream.metrics().reconnects());
            }
            assertTrue(server.statusUpdates().stream().anyMatch(u -> u.connection() == 1 && u.replyRequested()),
                    "half-way through the silence the client asks for a keepalive: " + server.statusUpdates());
        }
    }

    @Test
    void aSlotStillActiveAtTheFirstStartIsRetried() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartError(error("ERROR", "55006", "replication slot \"s\" is active for PID 4242"));
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                assertEquals(Scripts.end(1), ((Commit) nextCommit(stream).message()).endLsn());
            }
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aDifferentClusterAfterAReconnectEndsTheStream() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).stall(Duration.ofMillis(200)).disconnect());
            server.enqueue(Scripts.tx(WalSenderScript.create(), 2).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                nextCommit(stream);
                server.identity(new FakeWalSender.Identity("7999999999999999999", 1, Lsn.of(0x2000000)));
                ClusterMismatchException e = assertThrows(ClusterMismatchException.class, () -> nextCommit(stream));
                assertTrue(e.getMessage().contains("7999999999999999999"), e.getMessage());
                assertTrue(e.getMessage().contains("7000000000000000001"), e.getMessage());
            }
        }
    }

    @Test
    void aNewTimelineAfterAReconnectIsReportedAndStreamingGoesOn() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).stall(Duration.ofMillis(200)).disconnect());
            server.enqueue(Scripts.tx(WalSenderScript.create(), 2).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                nextCommit(stream);
                FakeWalSender.Identity id = server.identity();
                server.identity(new FakeWalSender.Identity(id.systemId(), 2, id.xlogPos()));
                assertEquals(Scripts.end(2), ((Commit) nextCommit(stream).message()).endLsn());
            }
        }
    }

    @Test
    void openRetriesAServerThatIsStartingUp() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartupError(error("FATAL", "57P03", "the database system is starting up"));
            server.enqueue(Scripts.tx(WalSenderScript.create(), 1).idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                assertNotNull(nextCommit(stream));
            }
            assertEquals(2, server.startups().size());
        }
    }

    @Test
    void theGiveUpMessageSaysWhatHappened() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartupError(error("FATAL", "57P03", "the database system is starting up"));
            io.walstream.TransportException e = assertThrows(io.walstream.TransportException.class,
                    () -> LogicalReplicationStream.open(Streams.config(server).reconnect(new io.walstream.ReconnectPolicy(
                            Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(10))).build()));
            assertTrue(e.getMessage().startsWith("Gave up after 2 failed retries over "), e.getMessage());
            assertTrue(e.getMessage().contains("57P03"), e.getMessage());
            assertEquals(3, server.startups().size(), "one try and two retries");
        }
    }

    static ServerError error(String severity, String sqlState, String message) {
        return new ServerError(severity, sqlState, message, Map.of('S', severity, 'V', severity, 'C', sqlState,
                'M', message));
    }
}
