package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.StallingTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * When status updates go out: right after START_REPLICATION (defect 10, so a slot advances even when connections
 * live shorter than the status interval), and from a sender per stream, so a peer that stopped reading delays no
 * other stream (defect 4).
 */
class StatusCadenceTest {

    @Test
    void theFirstStatusUpdateGoesOutRightAfterStartReplication() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().idle(Duration.ofMillis(100)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .statusInterval(Duration.ofSeconds(30)).build())) {
                long started = System.nanoTime();
                stream.start();
                StatusUpdate first = server.awaitStatus(u -> true, Duration.ofSeconds(5));
                assertTrue(first.arrivalNanos() - started < Duration.ofSeconds(5).toNanos(),
                        "with a 30 s interval the first update must not wait for the interval");
            }
        }
    }

    @Test
    void theSlotAdvancesWhileEveryConnectionIsCutBeforeTheStatusInterval() throws Exception {
        int sessions = 5;
        try (FakeWalSender server = FakeWalSender.start()) {
            for (int n = 1; n <= sessions; n++) {
                server.enqueue(Scripts.tx(WalSenderScript.create(), n).stall(Duration.ofMillis(300)).disconnect());
            }
            server.enqueue(WalSenderScript.create().idle(Duration.ofMillis(100)));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .statusInterval(Duration.ofSeconds(10)).build())) {
                Streams.pullInBackground(stream, failure);
                // Connection k+1 (k = 1..sessions) must report transaction k as flushed: its first status update does.
                for (int k = 1; k <= sessions; k++) {
                    int conn = k + 1;
                    int tx = k;
                    server.awaitStatus(u -> u.connection() == conn && !u.flushed().isBefore(Scripts.end(tx)),
                            Streams.T);
                }
            }
            assertTrue(server.connections() >= sessions + 1, "connections: " + server.connections());
        }
    }

    @Test
    void aStalledPeerDoesNotDelayAnotherStreamsStatusUpdates() throws Exception {
        try (FakeWalSender stalledServer = FakeWalSender.start(); FakeWalSender healthyServer = FakeWalSender.start()) {
            stalledServer.enqueue(WalSenderScript.create().idle(Duration.ofMillis(50)));
            healthyServer.enqueue(WalSenderScript.create().idle(Duration.ofMillis(50)));
            Duration interval = Duration.ofMillis(100);
            LogicalReplicationStream stalled = LogicalReplicationStream.open(Streams.config(stalledServer)
                    .statusInterval(interval).transportOptions(TransportOptions.builder()
                            .set(TransportOption.PROVIDER, "stalling").build()).build());
            LogicalReplicationStream healthy = LogicalReplicationStream.open(Streams.config(healthyServer)
                    .statusInterval(interval).build());
            try {
                stalled.start();
                healthy.start();
                stalledServer.awaitStatus(u -> true, Streams.T);
                StallingTransportProvider.stall(); // the stalled stream's next status write blocks
                Thread.sleep(300); // its sender is now blocked inside a write
                int before = healthyServer.statusUpdates().size();
                Thread.sleep(1000);
                int during = healthyServer.statusUpdates().size() - before;
                // 1 s at a 100 ms interval: about 10; a shared timer blocked by the other stream would send none.
                assertTrue(during >= 5, "the healthy stream sent " + during + " status updates in 1 s");
            } finally {
                StallingTransportProvider.release();
                stalled.close();
                healthy.close();
            }
            List<StatusUpdate> all = healthyServer.statusUpdates();
            assertFalse(all.isEmpty());
            assertNotNull(stalledServer.lastStatusUpdate());
        }
    }
}
