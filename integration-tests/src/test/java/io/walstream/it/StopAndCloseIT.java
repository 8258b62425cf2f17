package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ending a stream: {@code stopAt} ends exactly after the transaction that crosses the position — delivered in
 * full, nothing after it — in pull and in push mode; {@code close()} from another thread returns promptly in the
 * middle of a 200k-row transaction being fed to a slow handler, acknowledges nothing of it, and frees the slot.
 */
@PostgresTest
class StopAndCloseIT {

    private static final int BIG_ROWS = 200_000;

    /** One committed transaction as seen by the consumer. */
    private record Tx(List<Integer> ids, Lsn commitEnd) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void stopAtEndsRightAfterTheCrossingTransaction(String transport, PostgresServer server) throws Exception {
        String t = "stop_t_" + transport;
        String between = "stop_between_" + transport;
        String inside = "stop_inside_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t);
            LiveStreams.createSlot(sql, between);
            LiveStreams.createSlot(sql, inside);
            for (int id = 1; id <= 3; id++) {
                sql.query("INSERT INTO " + t + " VALUES (" + id + ")");
            }
            Lsn betweenLsn = LiveStreams.currentLsn(sql); // between the third and the fourth transaction
            sql.query("BEGIN");
            sql.query("INSERT INTO " + t + " VALUES (4)");
            Lsn insideLsn = Lsn.parse(sql.query("SELECT pg_current_wal_insert_lsn()").getString(0, 0));
            sql.query("INSERT INTO " + t + " SELECT g FROM generate_series(5, 500) g");
            sql.query("COMMIT");
            sql.query("INSERT INTO " + t + " VALUES (501)");
            sql.query("INSERT INTO " + t + " VALUES (502)");

            // Pull, stopping at a position between two transactions.
            List<Tx> pulled = new ArrayList<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    between, t + "_pub").flushMode(FlushMode.MANUAL).stopAt(betweenLsn).build())) {
                Collector c = new Collector(pulled);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!stream.isEnded()) {
                    assertTrue(System.nanoTime() < deadline, "stopAt was not reached: " + pulled);
                    ReplicationEvent e = stream.next(Duration.ofSeconds(1));
                    if (e != null) {
                        c.accept(e);
                    }
                }
                assertTrue(c.complete(), "the last transaction was delivered in full, ending with its Commit");
                assertNull(stream.next(Duration.ofSeconds(1)), "nothing after the crossing transaction");
                assertTrue(stream.isEnded());
            }
            assertFalse(pulled.isEmpty(), "something was delivered");
            for (int i = 0; i < pulled.size() - 1; i++) {
                assertTrue(pulled.get(i).commitEnd().isBefore(betweenLsn), "transaction " + pulled.get(i)
                        + " ends before " + betweenLsn + ", so the stream did not stop after it");
            }
            Tx last = pulled.get(pulled.size() - 1);
            assertTrue(!last.commitEnd().isBefore(betweenLsn), "the last one crosses " + betweenLsn + ": " + last);
            List<List<Integer>> ids = pulled.stream().map(Tx::ids).filter(l -> !l.isEmpty()).toList();
            if (ids.size() == 3) {
                assertEquals(List.of(List.of(1), List.of(2), List.of(3)), ids);
            } else {
                assertEquals(4, ids.size(), "T3 or T4 crosses " + betweenLsn + ": " + pulled);
                assertEquals(496, ids.get(3).size(), "the crossing transaction arrived in full");
            }

            // Push, stopping at a position inside the fourth transaction: forEach returns by itself after it.
            List<Tx> pushed = new ArrayList<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    inside, t + "_pub").flushMode(FlushMode.ON_COMMIT).stopAt(insideLsn).build())) {
                Collector c = new Collector(pushed);
                Future<?> loop = pool.submit(() -> stream.forEach(c::accept));
                loop.get(20, TimeUnit.SECONDS);
                assertTrue(stream.isEnded());
                assertTrue(c.complete());
                assertNull(stream.next(Duration.ofMillis(500)));
                // ON_COMMIT acknowledged the crossing transaction, and nothing after it.
                assertEquals(pushed.get(pushed.size() - 1).commitEnd(), stream.positions().flushed());
            } finally {
                pool.shutdownNow();
            }
            List<List<Integer>> pushedIds = pushed.stream().map(Tx::ids).filter(l -> !l.isEmpty()).toList();
            assertEquals(4, pushedIds.size(), "T1..T4, the fourth spanning " + insideLsn + ": " + pushed);
            assertEquals(List.of(List.of(1), List.of(2), List.of(3)), pushedIds.subList(0, 3));
            List<Integer> expected4 = new ArrayList<>();
            for (int id = 4; id <= 500; id++) {
                expected4.add(id);
            }
            assertEquals(expected4, pushedIds.get(3), "the crossing transaction in full");
        } finally {
            LiveStreams.dropSlotQuietly(server, between);
            LiveStreams.dropSlotQuietly(server, inside);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void closeFromAnotherThreadReturnsPromptlyDuringALargeTransaction(String transport, PostgresServer server)
            throws Exception {
        String t = "close_t_" + transport;
        String slot = "close_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY, pad text)");
            sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t);
            LiveStreams.createSlot(sql, slot);
            Lsn initial = LiveStreams.confirmedFlush(sql, slot);
            sql.query("INSERT INTO " + t + " SELECT g, 'row ' || g FROM generate_series(1, " + BIG_ROWS + ") g");

            LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport, slot,
                    t + "_pub").flushMode(FlushMode.ON_COMMIT).build());
            AtomicInteger handled = new AtomicInteger();
            AtomicInteger startedAfterClose = new AtomicInteger();
            AtomicBoolean closeReturned = new AtomicBoolean();
            AtomicBoolean sawCommit = new AtomicBoolean();
            CountDownLatch streaming = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> loop = pool.submit(() -> stream.forEach(e -> {
                    if (closeReturned.get()) {
                        startedAfterClose.incrementAndGet();
                    }
                    if (e.message() instanceof Commit) {
                        sawCommit.set(true);
                    }
                    if (handled.incrementAndGet() == 1000) {
                        streaming.countDown();
                    }
                    try {
                        Thread.sleep(1); // a slow handler: 200k rows would take minutes
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }));
                assertTrue(streaming.await(30, TimeUnit.SECONDS), "the transaction is being delivered");
                long start = System.nanoTime();
                stream.close();
                long closeMillis = (System.nanoTime() - start) / 1_000_000;
                closeReturned.set(true);
                assertTrue(closeMillis < 5000, "close() took " + closeMillis + " ms");
                loop.get(5, TimeUnit.SECONDS); // forEach returns promptly too
                assertTrue(startedAfterClose.get() <= 1, startedAfterClose.get() + " events pushed after close()");
                assertTrue(handled.get() < BIG_ROWS / 2, "close() cut the transaction short: " + handled.get());
                assertTrue(!sawCommit.get(), "the commit was not reached");
            } finally {
                stream.close();
                pool.shutdownNow();
            }
            assertTrue(LiveStreams.await(() -> !LiveStreams.slotActive(sql, slot), Duration.ofSeconds(5)),
                    "the slot is released after close()");
            assertEquals(initial, LiveStreams.confirmedFlush(sql, slot),
                    "nothing of the interrupted transaction was acknowledged");
        } finally {
            LiveStreams.dropSlotQuietly(server, slot);
        }
    }

    private static void assertFalse(boolean condition, String message) {
        assertTrue(!condition, message);
    }

    /** Groups events into transactions and checks the framing. */
    private static final class Collector {
        private final List<Tx> out;
        private List<Integer> open;
        private Begin begin;

        Collector(List<Tx> out) {
            this.out = out;
        }

        void accept(ReplicationEvent e) {
            if (e.message() instanceof Begin b) {
                assertNull(open, "Begin inside a transaction");
                open = new ArrayList<>();
                begin = b;
            } else if (e.message() instanceof Insert) {
                assertNotNull(open, "Insert outside a transaction");
                open.add(e.newRow().get("id").asInt());
            } else if (e.message() instanceof Commit c) {
                assertNotNull(open, "Commit without Begin");
                assertEquals(begin.finalLsn(), c.commitLsn());
                out.add(new Tx(open, c.endLsn()));
                open = null;
            }
        }

        boolean complete() {
            return open == null;
        }
    }
}
