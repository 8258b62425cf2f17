package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A slot whose publication is idle while another database on the same server writes WAL (logical slots are per
 * database, WAL is shared): in {@link FlushMode#ON_COMMIT_AND_IDLE} its {@code confirmed_flush_lsn} follows the
 * server's WAL within a couple of status intervals, driven by the walsender's keepalives; in
 * {@link FlushMode#MANUAL} it does not move at all. Four streams run at once — both modes over both transports —
 * against one writer.
 */
@PostgresTest
class IdleAdvanceIT {

    /** 500 ms status interval: the slot must have caught up within two intervals plus a functional margin. */
    private static final Duration STATUS = Duration.ofMillis(500);
    private static final Duration CATCH_UP = Duration.ofMillis(2 * 500 + 2000);

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("wal_sender_timeout", "2s").build();
    }

    @Test
    void idleSlotFollowsForeignWalOnlyInOnCommitAndIdle(PostgresServer server) throws Exception {
        Map<String, FlushMode> slots = new LinkedHashMap<>();
        slots.put("idle_adv_nio", FlushMode.ON_COMMIT_AND_IDLE);
        slots.put("idle_adv_netty", FlushMode.ON_COMMIT_AND_IDLE);
        slots.put("idle_manual_nio", FlushMode.MANUAL);
        slots.put("idle_manual_netty", FlushMode.MANUAL);
        List<LogicalReplicationStream> streams = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.query("CREATE TABLE idle_t (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION idle_pub FOR TABLE idle_t");
            sql.query("CREATE DATABASE idle_other");
            Map<String, Lsn> initial = new LinkedHashMap<>();
            for (var s : slots.entrySet()) {
                LiveStreams.createSlot(sql, s.getKey());
                initial.put(s.getKey(), LiveStreams.confirmedFlush(sql, s.getKey()));
                String transport = s.getKey().endsWith("netty") ? "netty" : "nio";
                LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                        s.getKey(), "idle_pub").flushMode(s.getValue()).statusInterval(STATUS).build());
                streams.add(stream);
                pool.submit(() -> {
                    while (!stop.get()) {
                        stream.next(Duration.ofMillis(200)); // the publication is idle: keepalives only
                    }
                    return null;
                });
            }
            for (String slot : slots.keySet()) {
                assertTrue(LiveStreams.await(() -> LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)), slot);
            }
            // Another database writes WAL in a loop.
            Future<?> writer = pool.submit(() -> {
                try (PgConnection other = Live.connect(server, "nio", "user=postgres dbname=idle_other")) {
                    other.query("CREATE TABLE w (id bigserial PRIMARY KEY, pad text)");
                    while (!stop.get()) {
                        other.query("INSERT INTO w (pad) SELECT repeat('w', 200) FROM generate_series(1, 20)");
                        written.incrementAndGet();
                    }
                }
                return null;
            });
            assertTrue(LiveStreams.await(() -> written.get() > 10, Duration.ofSeconds(10)), "the writer runs");
            Lsn target = LiveStreams.currentLsn(sql);
            long t0 = System.nanoTime();
            for (var s : slots.entrySet()) {
                if (s.getValue() == FlushMode.ON_COMMIT_AND_IDLE) {
                    String slot = s.getKey();
                    assertTrue(LiveStreams.await(() -> !LiveStreams.confirmedFlush(sql, slot).isBefore(target),
                            CATCH_UP.minusNanos(System.nanoTime() - t0)), slot + ": confirmed_flush_lsn "
                            + LiveStreams.confirmedFlush(sql, slot) + " did not reach " + target + " within "
                            + CATCH_UP + " (started at " + initial.get(slot) + ")");
                }
            }
            // Give MANUAL the same time and more: it must not have moved at all.
            Thread.sleep(Math.max(0, CATCH_UP.toMillis() - (System.nanoTime() - t0) / 1_000_000));
            for (var s : slots.entrySet()) {
                if (s.getValue() == FlushMode.MANUAL) {
                    assertEquals(initial.get(s.getKey()), LiveStreams.confirmedFlush(sql, s.getKey()),
                            s.getKey() + ": MANUAL never acknowledges on its own");
                    assertEquals(Lsn.INVALID, streams.get(new ArrayList<>(slots.keySet()).indexOf(s.getKey()))
                            .positions().flushed(), "nothing was reported as flushed");
                }
            }
            stop.set(true);
            writer.get(10, TimeUnit.SECONDS);
            for (LogicalReplicationStream stream : streams) {
                assertEquals(0, stream.metrics().reconnects());
            }
        } finally {
            stop.set(true);
            streams.forEach(LogicalReplicationStream::close);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (String slot : slots.keySet()) {
                LiveStreams.await(() -> {
                    LiveStreams.dropSlotQuietly(server, slot);
                    try (PgConnection sql = Live.sql(server, "nio")) {
                        return !Slots.exists(sql, slot);
                    }
                }, Duration.ofSeconds(5));
            }
        }
    }
}
