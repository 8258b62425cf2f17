package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A consumer that blocks for three times {@code wal_sender_timeout} keeps its connection, because the status
 * timer keeps answering the walsender while the handler is busy. A control stream with no running timer on the
 * same server is cut off in that time, which proves the timeout is real. One transport per version,
 * alternating (the scenario needs 6 s of wall time). On 16 (nio) and 17 (netty) the server accepts only TLS and the
 * stream runs with {@code sslmode=verify-full} ({@link TlsLive#streamsOverTls}): the status updates must keep
 * flowing through the TLS layer's write path while the reader thread is blocked in the handler.
 */
@PostgresTest
class SlowConsumerIT {

    private static final Duration BLOCK = Duration.ofSeconds(6); // 3 x wal_sender_timeout
    private static final int BIG_ROWS = 100_000;
    private static final String TIMEOUT_LOG = "terminating walsender process due to replication timeout";

    static PostgresConfig postgresConfig(PostgresVersion version) {
        return TlsLive.tlsOnlyIfStreamingOverTls(PostgresConfig.builder().setting("wal_sender_timeout", "2s").build(),
                version);
    }

    @Test
    void handlerBlockingThreeTimesTheTimeoutKeepsTheConnection(PostgresServer server) throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        String slot = "slow_" + transport;
        String controlSlot = "slow_control_" + transport;
        String t = "slow_t";
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY, pad text)");
            sql.query("CREATE TABLE slow_idle (id int)");
            sql.query("CREATE PUBLICATION slow_pub FOR TABLE " + t);
            sql.query("CREATE PUBLICATION slow_idle_pub FOR TABLE slow_idle");
            LiveStreams.createSlot(sql, slot);
            LiveStreams.createSlot(sql, controlSlot);

            // Control: a raw stream whose timer would first fire after an hour, and which is not read.
            PgConnection controlConn = Slots.logical(server, transport);
            WalStream control = WalStream.startLogical(controlConn, LogicalStartOptions.of(controlSlot,
                    "slow_idle_pub"), new FeedbackPositions(), Duration.ofHours(1));

            LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.configWith(server,
                    TlsLive.streamingSsl(server.version()), transport, slot, "slow_pub").build());
            stream.start();
            assertTrue(LiveStreams.await(() -> LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)));
            String pidBefore = LiveStreams.walsenderPid(sql, slot);
            TlsLive.assertWalsendersEncryptedAsExpected(server, sql, List.of(pidBefore));

            // A small transaction, a big one (enough to fill the socket buffers while the handler sleeps), a small.
            sql.query("INSERT INTO " + t + " VALUES (0, 'first')");
            sql.query("INSERT INTO " + t + " SELECT g, repeat('x', 100) FROM generate_series(1, " + BIG_ROWS + ") g");
            sql.query("INSERT INTO " + t + " VALUES (-1, 'last')");

            CountDownLatch blocked = new CountDownLatch(1);
            AtomicReference<String> pidAfterBlock = new AtomicReference<>();
            AtomicLong inserts = new AtomicLong();
            AtomicLong commits = new AtomicLong();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (PgConnection probe = Live.sql(server, transport)) {
                Future<?> loop = pool.submit(() -> stream.forEach(e -> {
                    if (blocked.getCount() == 1) {
                        blocked.countDown();
                        try {
                            Thread.sleep(BLOCK.toMillis());
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(ex);
                        }
                        pidAfterBlock.set(LiveStreams.walsenderPid(probe, slot));
                    }
                    if (e.message() instanceof Insert) {
                        inserts.incrementAndGet();
                    } else if (e.message() instanceof Commit && commits.incrementAndGet() == 3) {
                        stream.close();
                    }
                }));
                assertTrue(blocked.await(20, TimeUnit.SECONDS), "the first event arrived");
                loop.get(60, TimeUnit.SECONDS);
            } finally {
                stream.close();
                pool.shutdownNow();
            }
            assertEquals(pidBefore, pidAfterBlock.get(), "the same walsender served the stream after the block");
            assertEquals(0, stream.metrics().reconnects(), "no reconnect was needed");
            assertEquals(3, commits.get());
            assertEquals(BIG_ROWS + 2, inserts.get(), "every row arrived after the block");
            assertEquals(1, timeouts(server), "only the control walsender timed out:\n" + server.logTail(40));

            // The control stream, never read and without a status timer, was cut off by the server meanwhile.
            assertFalse(LiveStreams.slotActive(sql, controlSlot),
                    "a stream that does not answer is cut off after wal_sender_timeout (control)");
            control.abort();
            sql.query("SELECT pg_drop_replication_slot('" + controlSlot + "')");
            assertTrue(LiveStreams.await(() -> !LiveStreams.slotActive(sql, slot), Duration.ofSeconds(5)),
                    "the slot was released at close");
        } finally {
            LiveStreams.dropSlotQuietly(server, slot);
            LiveStreams.dropSlotQuietly(server, controlSlot);
        }
    }

    private static int timeouts(PostgresServer server) {
        String log = server.logTail(2000);
        int n = 0;
        for (int i = log.indexOf(TIMEOUT_LOG); i >= 0; i = log.indexOf(TIMEOUT_LOG, i + 1)) {
            n++;
        }
        return n;
    }
}
