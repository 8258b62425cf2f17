package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Insert;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure through the {@link java.util.concurrent.Flow.Publisher}: with zero demand, the server writing
 * 50k rows (about 25 MB of change data) neither grows the heap nor costs the connection (the status timer keeps
 * it alive past {@code wal_sender_timeout}); requesting then delivers every row. One transport per version,
 * alternating.
 */
@PostgresTest
class ZeroDemandIT {

    private static final int ROWS = 50_000;
    /** The rows as events would take well over 50 MB of heap; a flat heap stays far below this. */
    private static final long MAX_HEAP_GROWTH = 16L << 20;

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("wal_sender_timeout", "2s").build();
    }

    @Test
    void zeroDemandHoldsNothingAndKeepsTheConnection(PostgresServer server) throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        String slot = "zero_demand_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE zd (id int PRIMARY KEY, pad text)");
            sql.query("CREATE PUBLICATION zd_pub FOR TABLE zd");
            LiveStreams.createSlot(sql, slot);
            LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport, slot,
                    "zd_pub").build());
            AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
            AtomicInteger received = new AtomicInteger();
            AtomicInteger inserts = new AtomicInteger();
            AtomicReference<Throwable> error = new AtomicReference<>();
            try {
                stream.publisher().subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription.set(s); // no request: zero demand
                    }

                    @Override
                    public void onNext(ReplicationEvent item) {
                        received.incrementAndGet();
                        if (item.message() instanceof Insert) {
                            inserts.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        error.set(t);
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                assertTrue(LiveStreams.await(() -> subscription.get() != null, Duration.ofSeconds(5)));
                stream.start();
                assertTrue(LiveStreams.await(() -> LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)));
                String pid = LiveStreams.walsenderPid(sql, slot);
                long heapBefore = usedHeapAfterGc();

                for (int i = 0; i < 10; i++) {
                    int from = i * (ROWS / 10) + 1;
                    sql.query("INSERT INTO zd SELECT g, repeat('z', 500) FROM generate_series(" + from + ", "
                            + (from + ROWS / 10 - 1) + ") g");
                }
                Thread.sleep(5000); // 2.5 x wal_sender_timeout with nothing requested
                long heapAfter = usedHeapAfterGc();
                assertEquals(0, received.get(), "nothing is delivered without demand");
                assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH, "heap grew by "
                        + (heapAfter - heapBefore) / 1024 + " kB without demand");
                assertEquals(pid, LiveStreams.walsenderPid(sql, slot), "the same walsender is still connected");
                assertEquals(0, stream.metrics().reconnects());

                AtomicLong deadline = new AtomicLong(System.nanoTime() + Duration.ofSeconds(60).toNanos());
                subscription.get().request(Long.MAX_VALUE);
                assertTrue(LiveStreams.await(() -> inserts.get() >= ROWS || error.get() != null
                        || System.nanoTime() > deadline.get(), Duration.ofSeconds(60)));
                assertNull(error.get(), () -> "onError: " + error.get());
                assertEquals(ROWS, inserts.get(), "every row arrives once requested");
                assertEquals(0, stream.metrics().reconnects());
            } finally {
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
                stream.close();
                LiveStreams.await(() -> !LiveStreams.slotActive(sql, slot), Duration.ofSeconds(5));
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
