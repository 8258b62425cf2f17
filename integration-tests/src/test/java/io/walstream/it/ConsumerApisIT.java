package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.RawEvent;
import io.walstream.ReplicationEvent;
import io.walstream.Transaction;
import io.walstream.replication.StreamingMode;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same workload — inserts, an update, a delete, a truncate, transactional and non-transactional logical
 * messages, two transactions committed in reverse begin order, a streamed transaction with a rolled-back savepoint
 * and a concurrent commit during its streaming, and (15+) a committed and a rolled-back prepared transaction —
 * checked through every consumer API: pull ({@code next}), push ({@code forEach}), the {@link Flow.Publisher} with
 * a subscriber requesting in batches of three, raw ({@code nextRaw}, {@code forEachRaw}; the payloads decoded by
 * the test) and transaction mode ({@code nextTransaction}, {@code forEachTransaction}). Each API must yield the same transactions, in commit
 * order, with the right values, and acknowledge each commit (ON_COMMIT) exactly when it is done with it.
 */
@PostgresTest
class ConsumerApisIT {

    /** Rows of the streamed transaction that stay, and the rows its rolled-back savepoint inserted. */
    private static final int KEPT_FIRST = 1000;
    private static final int ROLLED_BACK = 1000;
    private static final int KEPT_LATER = 500;

    static PostgresConfig postgresConfig() {
        // autovacuum off: on PostgreSQL 14 pgoutput sends every transaction that has an xid, also an
        // auto-ANALYZE's (Begin/Commit without changes), which would slip into the expected sequences.
        return PostgresConfig.builder()
                .setting("logical_decoding_work_mem", "64kB")
                .setting("autovacuum", "off")
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void pull(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_pull")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            TxTrace trace = new TxTrace();
            long deadline = System.nanoTime() + StreamFixture.WAIT.toNanos();
            while (trace.lines().size() < expected.size()) {
                ReplicationEvent e = stream.next(Duration.ofMillis(500));
                // ON_COMMIT: asking for the next event acknowledges the commit-like event returned before.
                assertEquals(ackOrInvalid(trace), stream.positions().flushed(), "acknowledged on the next call");
                if (e == null) {
                    assertTrue(System.nanoTime() < deadline, "timed out; so far " + trace.lines().size());
                    continue;
                }
                trace.accept(e);
            }
            checkTrace(expected, trace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void push(String transport, PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_push")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            TxTrace trace = new TxTrace();
            String consumer = Thread.currentThread().getName();
            try (Watchdog w = new Watchdog(stream)) {
                stream.forEach(e -> {
                    assertEquals(consumer, Thread.currentThread().getName(), "the handler runs on the caller");
                    // ON_COMMIT: the commit-like event is acknowledged when the handler returned for it.
                    assertEquals(ackOrInvalid(trace), stream.positions().flushed(), "acknowledged after the handler");
                    trace.accept(e);
                    if (trace.lines().size() == expected.size()) {
                        stream.close();
                    }
                });
                assertFalse(w.fired(), "timed out; so far " + trace.lines().size());
            }
            checkTrace(expected, trace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void publisher(String transport, PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_pub")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            TxTrace trace = new TxTrace();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] counts = new long[3]; // requested, received, batches requested from another thread
            stream.publisher().subscribe(new Flow.Subscriber<ReplicationEvent>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    request();
                }

                private void request() {
                    synchronized (counts) {
                        counts[0] += 3;
                    }
                    subscription.request(3);
                }

                @Override
                public void onNext(ReplicationEvent e) {
                    try {
                        long outstanding;
                        synchronized (counts) {
                            counts[1]++;
                            outstanding = counts[0] - counts[1];
                        }
                        assertTrue(outstanding >= 0, "an event without demand: requested " + counts[0]);
                        assertTrue(Thread.currentThread().getName().startsWith("walstream-publisher-"),
                                Thread.currentThread().getName());
                        assertEquals(ackOrInvalid(trace), stream.positions().flushed(),
                                "acknowledged when onNext returned");
                        trace.accept(e);
                        if (trace.lines().size() == expected.size()) {
                            subscription.cancel();
                            done.countDown();
                        } else if (outstanding == 0) {
                            if (counts[1] % 300 == 0) { // now and then from another thread, a little later
                                counts[2]++;
                                CompletableFuture.runAsync(this::request,
                                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
                            } else {
                                request();
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        subscription.cancel();
                        done.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    failure.compareAndSet(null, t);
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    failure.compareAndSet(null, new AssertionError("completed before the workload was seen"));
                    done.countDown();
                }
            });
            assertTrue(done.await(StreamFixture.WAIT.toSeconds(), TimeUnit.SECONDS),
                    "timed out; so far " + trace.lines().size());
            if (failure.get() != null) {
                throw new AssertionError("subscriber failed", failure.get());
            }
            assertTrue(counts[2] > 0, "some demand came from another thread");
            checkTrace(expected, trace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void raw(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_raw")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            TxTrace trace = new TxTrace();
            long deadline = System.nanoTime() + StreamFixture.WAIT.toNanos();
            while (trace.lines().size() < expected.size()) {
                RawEvent r = stream.nextRaw(Duration.ofMillis(500));
                assertEquals(ackOrInvalid(trace), stream.positions().flushed(), "acknowledged on the next call");
                if (r == null) {
                    assertTrue(System.nanoTime() < deadline, "timed out; so far " + trace.lines().size());
                    continue;
                }
                trace.acceptRaw(r);
            }
            checkTrace(expected, trace);
            assertTrue(stream.relations().find(f.tableOid()).isPresent(), "raw mode keeps relations() current");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void forEachRaw(String transport, PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_rawpush")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            TxTrace trace = new TxTrace();
            try (Watchdog w = new Watchdog(stream)) {
                stream.forEachRaw(r -> {
                    assertEquals(ackOrInvalid(trace), stream.positions().flushed(), "acknowledged after the handler");
                    trace.acceptRaw(r);
                    if (trace.lines().size() == expected.size()) {
                        stream.close();
                    }
                });
                assertFalse(w.fired(), "timed out; so far " + trace.lines().size());
            }
            checkTrace(expected, trace);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void nextTransaction(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_txpull")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            List<String> lines = new ArrayList<>();
            Lsn lastAck = Lsn.INVALID;
            long deadline = System.nanoTime() + StreamFixture.WAIT.toNanos();
            while (lines.size() < expected.size()) {
                Transaction t = stream.nextTransaction(Duration.ofMillis(500));
                assertEquals(lastAck, stream.positions().flushed(), "acknowledged on the next call");
                if (t == null) {
                    assertTrue(System.nanoTime() < deadline, "timed out; so far " + lines);
                    continue;
                }
                lines.add(checkTransaction(t));
                if (t.kind() != Transaction.Kind.MESSAGE) {
                    assertTrue(t.endLsn().isAfter(lastAck), "acknowledgement points grow");
                    lastAck = t.endLsn();
                }
            }
            StreamFixture.assertLines(expected, lines);
            assertEquals(0, stream.transactions().openTransactions());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void forEachTransaction(String transport, PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, transport, "capi_txpush")) {
            LogicalReplicationStream stream = open(f);
            List<String> expected = workload(f);
            List<String> lines = new ArrayList<>();
            List<Transaction> seen = new ArrayList<>();
            Lsn[] lastAck = {Lsn.INVALID};
            try (Watchdog w = new Watchdog(stream)) {
                stream.forEachTransaction(t -> {
                    assertEquals(lastAck[0], stream.positions().flushed(), "acknowledged after the handler");
                    seen.forEach(earlier -> assertTrue(earlier.isReleased(), "released after the handler"));
                    seen.add(t);
                    lines.add(checkTransaction(t));
                    if (t.kind() != Transaction.Kind.MESSAGE) {
                        lastAck[0] = t.endLsn();
                    }
                    if (lines.size() == expected.size()) {
                        stream.close();
                    }
                });
                assertFalse(w.fired(), "timed out; so far " + lines);
            }
            StreamFixture.assertLines(expected, lines);
            assertTrue(seen.get(seen.size() - 1).isReleased(), "closing released the last transaction");
        }
    }

    // --- the workload ---------------------------------------------------------------------------------------------

    private static LogicalReplicationStream open(StreamFixture f) {
        return f.open(b -> b.messages(true).streaming(StreamingMode.ON).twoPhase(f.major() >= 15));
    }

    /** Runs the workload and returns the transaction lines every API must yield. */
    private static List<String> workload(StreamFixture f) {
        String t = f.table;
        List<String> expected = new ArrayList<>();
        f.a.query("INSERT INTO " + t + " VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)");
        expected.add("REGULAR [I " + t + " 1 one 10, I " + t + " 2 two 20, I " + t + " 3 three 30]");
        f.a.query("UPDATE " + t + " SET name = 'two-b', amount = 21 WHERE id = 2");
        expected.add("REGULAR [U " + t + " 2 two-b 21]");
        f.a.query("DELETE FROM " + t + " WHERE id = 3");
        expected.add("REGULAR [D " + t + " 3]");
        f.a.query("BEGIN; INSERT INTO " + t + " VALUES (4, 'four', 40); "
                + "SELECT pg_logical_emit_message(true, 'capi', 'in-tx'); COMMIT");
        expected.add("REGULAR [I " + t + " 4 four 40, M tx capi in-tx]");
        f.a.query("SELECT pg_logical_emit_message(false, 'capi', 'outside')");
        expected.add("MESSAGE [M nontx capi outside]");

        // Two transactions committed in the reverse order of their begin.
        f.a.query("BEGIN; INSERT INTO " + t + " VALUES (5, 'five', 50)");
        f.b.query("BEGIN; INSERT INTO " + t + " VALUES (6, 'six', 60)");
        f.b.query("COMMIT");
        f.a.query("COMMIT");
        expected.add("REGULAR [I " + t + " 6 six 60]");
        expected.add("REGULAR [I " + t + " 5 five 50]");

        // A transaction well over logical_decoding_work_mem, streamed; its savepoint is rolled back after its rows
        // were streamed; another transaction commits while it is open.
        f.a.query("BEGIN");
        f.insertSeries(f.a, 1000, 1000 + KEPT_FIRST - 1, "r", 2);
        f.a.query("SAVEPOINT sp");
        f.insertSeries(f.a, 50_000, 50_000 + ROLLED_BACK - 1, "gone", 1);
        f.a.query("ROLLBACK TO SAVEPOINT sp");
        f.insertSeries(f.a, 1000 + KEPT_FIRST, 1000 + KEPT_FIRST + KEPT_LATER - 1, "r", 2);
        f.insert(f.b, 7, "seven", 70);
        f.a.query("COMMIT");
        expected.add("REGULAR [I " + t + " 7 seven 70]");
        List<String> streamed = new ArrayList<>();
        for (int id = 1000; id < 1000 + KEPT_FIRST + KEPT_LATER; id++) {
            streamed.add("I " + t + " " + id + " r" + id + " " + 2 * id);
        }
        expected.add("STREAMED " + streamed);

        // Two-phase: decoded at PREPARE on 15+ (two_phase), at COMMIT PREPARED as a regular transaction on 14.
        String g1 = t + "_g1";
        String g2 = t + "_g2";
        f.a.query("BEGIN; INSERT INTO " + t + " VALUES (8, 'eight', 80); PREPARE TRANSACTION '" + g1 + "'");
        f.a.query("COMMIT PREPARED '" + g1 + "'");
        f.a.query("BEGIN; INSERT INTO " + t + " VALUES (9, 'nine', 90); PREPARE TRANSACTION '" + g2 + "'");
        f.a.query("ROLLBACK PREPARED '" + g2 + "'");
        if (f.major() >= 15) {
            expected.add("PREPARED " + g1 + " [I " + t + " 8 eight 80]");
            expected.add("COMMIT_PREPARED " + g1 + " []");
            expected.add("PREPARED " + g2 + " [I " + t + " 9 nine 90]");
            expected.add("ROLLBACK_PREPARED " + g2 + " []");
        } else {
            expected.add("REGULAR [I " + t + " 8 eight 80]");
        }

        f.a.query("TRUNCATE " + t);
        expected.add("REGULAR [T [" + f.tableOid() + "]]");
        f.insert(f.a, 100, "end", 0);
        expected.add("REGULAR [I " + t + " 100 end 0]");
        return expected;
    }

    private static Lsn ackOrInvalid(TxTrace trace) {
        return trace.lastAck() == null ? Lsn.INVALID : trace.lastAck();
    }

    private static void checkTrace(List<String> expected, TxTrace trace) {
        StreamFixture.assertLines(expected, trace.lines());
        assertTrue(trace.idle(), "nothing left open");
        assertTrue(trace.subtransactionAborts() > 0, "the rolled-back savepoint's streamed rows were revoked with a "
                + "Stream Abort of the subtransaction");
    }

    /** Checks what the line does not show and returns the line. */
    private static String checkTransaction(Transaction t) {
        switch (t.kind()) {
            case REGULAR -> {
                assertFalse(t.isStreamed());
                assertTrue(t.beginLsn().isValid() && !t.beginLsn().isAfter(t.commitLsn()), t.describe());
                assertTrue(t.endLsn().isAfter(t.commitLsn()), t.describe());
            }
            case STREAMED -> {
                assertTrue(t.isStreamed());
                assertTrue(t.endLsn().isAfter(t.commitLsn()), t.describe());
            }
            case PREPARED, COMMIT_PREPARED -> assertTrue(t.endLsn().isAfter(t.commitLsn()), t.describe());
            case ROLLBACK_PREPARED -> assertTrue(t.endLsn().isValid(), t.describe());
            case MESSAGE -> assertFalse(t.endLsn().isValid(), "a message is not acknowledged");
            default -> fail(t.describe());
        }
        assertFalse(t.isSpilled(), "the default budget holds this workload");
        return TxTrace.line(t);
    }

    /** Closes the stream if a push loop runs too long, so that the test fails instead of hanging. */
    static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private volatile boolean fired;

        Watchdog(LogicalReplicationStream stream) {
            thread = new Thread(() -> {
                try {
                    Thread.sleep(StreamFixture.WAIT.toMillis());
                    fired = true;
                    stream.close();
                } catch (InterruptedException e) {
                    // done in time
                }
            }, "watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
