package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.PgTime;
import io.walstream.replication.PrimaryKeepalive;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Read coalescing at its largest window (10 ms) on a stream that flows in small pieces (one transaction every
 * 2 ms, each message written on its own, as a walsender does): every message still arrives in order, a keepalive
 * that asks for a reply is answered promptly, and closing the stream ends a reader at once. Time bounds are
 * generous upper bounds.
 */
class ReadCoalescingTest {

    private static final int TXS = 40;

    private static WalStream start(FakeWalSender server) {
        TransportOptions options = TransportOptions.defaults().toBuilder()
                .set(TransportOption.READ_COALESCING, Duration.ofMillis(10)).build();
        PgConnection conn = Connector.connect(ConnectionConfig.parse(server.connectionString()), options);
        // A long status interval: the only status updates are the first one and the keepalive's reply.
        return WalStream.startLogical(conn, LogicalStartOptions.of("s", "p"), new FeedbackPositions(),
                Duration.ofHours(1));
    }

    private static WalSenderScript flowing() {
        WalSenderScript s = WalSenderScript.create();
        for (int i = 1; i <= TXS; i++) {
            Scripts.tx(s, i);
            s.stall(Duration.ofMillis(2));
        }
        return s;
    }

    @Test
    void everyMessageArrivesAndAKeepaliveAskingForAReplyIsAnsweredPromptly() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(flowing().keepalive(Scripts.end(TXS), true).awaitStatusUpdate(Duration.ofSeconds(10))
                    .stallUntilClosed());
            try (WalStream stream = start(server)) {
                int expected = TXS * 4; // Begin, Relation, Insert, Commit
                Lsn last = Lsn.INVALID;
                for (int i = 0; i < expected; i++) {
                    XLogData x = stream.read(Duration.ofSeconds(10));
                    assertNotNull(x, "message " + i + " of " + expected);
                    assertTrue(!x.walStart().isBefore(last), "in order");
                    last = x.walStart();
                }
                assertEquals(Scripts.commit(TXS), last);
                assertEquals(null, stream.read(Duration.ofMillis(300))); // reads the keepalive and replies
                PrimaryKeepalive k = stream.lastKeepalive();
                assertNotNull(k);
                assertTrue(k.replyRequested());
                StatusUpdate reply = server.awaitStatus(u -> !u.written().isBefore(Scripts.end(TXS)),
                        Duration.ofSeconds(10));
                Instant sent = PgTime.toInstant(k.sendTimeMicros());
                long millis = Duration.between(sent, reply.arrivedAt()).toMillis();
                assertTrue(millis < 1_000, "the reply came " + millis + " ms after the keepalive was sent");
            }
            server.await(Duration.ofSeconds(10)); // the script's own expectations (the status update) held
        }
    }

    @Test
    void closingTheStreamEndsABlockedReaderAtOnce() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(flowing().stallUntilClosed());
            WalStream stream = start(server);
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                try {
                    while (stream.read(Duration.ofSeconds(30)) != null) {
                        n++;
                    }
                } catch (RuntimeException e) {
                    // a read ended by close() may throw; only that it ends counts
                }
                return n;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stream.messagesRead() < TXS * 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long t0 = System.nanoTime();
            stream.close();
            reader.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis < 5_000, "the reader ended " + millis + " ms after close()");
        }
    }
}
