package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.Transaction;
import io.walstream.TransactionOptions;
import io.walstream.TransactionStream;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.replication.StreamingMode;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transaction mode against a server with {@code logical_decoding_work_mem=64kB}, so that every transaction of a few
 * thousand rows is streamed while in progress: regular transactions arrive whole in commit order; a streamed one
 * arrives once, whole, in order, without the rows of a rolled-back savepoint; an aborted streamed one never
 * arrives; two-phase (15+) and {@code streaming 'parallel'} (16+); spilling beyond the memory budget; and the
 * ON_COMMIT acknowledgement when the handler returns.
 */
@PostgresTest
class TransactionModeIT {

    private static final Duration POLL = Duration.ofMillis(500);

    static PostgresConfig postgresConfig() {
        // autovacuum off: on PostgreSQL 14 pgoutput sends every transaction that has an xid, also an
        // auto-ANALYZE's (Begin/Commit without changes), which would slip into the expected sequences.
        return PostgresConfig.builder()
                .setting("logical_decoding_work_mem", "64kB")
                .setting("autovacuum", "off")
                .setting("max_prepared_transactions", "10")
                .build();
    }

    /** (a) Two concurrent connections committing in the reverse order of their begin. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void regularTransactionsArriveWholeInCommitOrder(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_order")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            String t = f.table;
            f.a.query("BEGIN; INSERT INTO " + t + " VALUES (1, 'a1', 1)");
            f.b.query("BEGIN; INSERT INTO " + t + " VALUES (2, 'b1', 2)");
            f.insert(f.a, 3, "a2", 3);
            f.b.query("UPDATE " + t + " SET amount = 22 WHERE id = 2");
            f.b.query("COMMIT");
            f.a.query("COMMIT");
            f.insert(f.a, 4, "after", 4);

            Received received = next(stream, 3);
            List<Transaction> txs = received.txs();
            List<String> lines = received.lines();
            StreamFixture.assertLines(List.of(
                    "REGULAR [I " + t + " 2 b1 2, U " + t + " 2 b1 22]",
                    "REGULAR [I " + t + " 1 a1 1, I " + t + " 3 a2 3]",
                    "REGULAR [I " + t + " 4 after 4]"), lines);
            Transaction second = txs.get(0);
            Transaction first = txs.get(1);
            assertNotEquals(first.xid(), second.xid());
            assertTrue(first.beginLsn().isBefore(second.beginLsn()),
                    "the transaction begun first has the earlier begin position, yet arrives second");
            for (int i = 0; i < txs.size(); i++) {
                Transaction x = txs.get(i);
                assertEquals(Transaction.Kind.REGULAR, x.kind());
                assertFalse(x.isStreamed() || x.isSpilled());
                assertTrue(x.endLsn().isAfter(x.commitLsn()));
                assertTrue(x.commitTimeMicros() > 0);
                if (i > 0) {
                    assertTrue(x.commitLsn().isAfter(txs.get(i - 1).endLsn()) || x.commitLsn()
                            .equals(txs.get(i - 1).endLsn()), "commit order");
                }
            }
        }
    }

    /** (b) 20k rows, well over 64kB: one STREAMED transaction with every row in order. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void largeTransactionArrivesAsOneStreamedTransaction(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_large")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            f.insertSeries(f.a, 1, 20_000, "n", 3);
            f.insert(f.a, -1, "marker", 0);

            Transaction big = next(stream);
            assertEquals(Transaction.Kind.STREAMED, big.kind(), big.describe());
            assertTrue(big.isStreamed());
            assertTrue(big.endMessage() instanceof StreamCommit sc && sc.xid() == big.xid());
            assertEquals(20_000, big.size());
            long id = 1;
            for (ReplicationEvent e : big) {
                assertTrue(e.message() instanceof Insert, e.describe());
                assertEquals(big.xid(), e.message().streamXid().orElseThrow(), "no subtransactions: the top xid");
                assertEquals(id, e.newRow().get("id").asLong());
                assertEquals("n" + id, e.newRow().get("name").asString());
                assertEquals(3 * id, e.newRow().get("amount").asLong());
                id++;
            }
            assertEquals(20_001, id);
            assertMarker(next(stream), f);
            assertEquals(0, stream.transactions().openTransactions());
        }
    }

    /** (b) Two large transactions streamed at the same time: chunks of both xids interleave; each arrives whole. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void interleavedStreamedTransactionsArriveWholeInCommitOrder(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_interleaved")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            f.a.query("BEGIN");
            f.b.query("BEGIN");
            f.insertSeries(f.a, 1, 3000, "a", 1);
            f.insertSeries(f.b, 100_001, 103_000, "b", 1);
            f.insertSeries(f.a, 3001, 6000, "a", 1);
            f.insertSeries(f.b, 103_001, 106_000, "b", 1);
            f.b.query("COMMIT");
            f.a.query("COMMIT");

            Transaction first = next(stream);
            assertRows(first, 100_001, 106_000, "b");
            Transaction second = next(stream);
            assertRows(second, 1, 6000, "a");
            assertNotEquals(first.xid(), second.xid());
        }
    }

    private static void assertRows(Transaction tx, long from, long to, String prefix) {
        assertEquals(Transaction.Kind.STREAMED, tx.kind(), tx.describe());
        assertEquals(to - from + 1, tx.size());
        long id = from;
        for (ReplicationEvent e : tx) {
            assertEquals(id, e.newRow().get("id").asLong());
            assertEquals(prefix + id, e.newRow().get("name").asString());
            id++;
        }
        assertEquals(to + 1, id);
    }

    /** (c) A streamed transaction whose savepoint was rolled back after its rows had been streamed. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void streamedTransactionOmitsRolledBackSavepoint(String transport, PostgresServer server) {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_savepoint")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            savepointWorkload(f);
            f.insert(f.a, -1, "marker", 0);

            Transaction tx = next(stream);
            assertEquals(Transaction.Kind.STREAMED, tx.kind(), tx.describe());
            assertSavepointRows(tx);
            assertMarker(next(stream), f);
        }
    }

    /** (d) A streamed transaction that aborts is never delivered; its spill file is gone with it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void abortedStreamedTransactionIsNeverDelivered(String transport, PostgresServer server, @TempDir Path spill)
            throws IOException {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_abort")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            TransactionStream txs = stream.transactions(new TransactionOptions(16 * 1024, spill));
            f.a.query("BEGIN");
            f.insertSeries(f.a, 1, 10_000, "x", 1);
            // Roll back only once its chunks were received: PostgreSQL 16+ does not stream a transaction that is
            // already known to be aborted when the walsender decodes it.
            awaitStreamed(txs, () -> txs.spillFilesCreated() >= 1);
            assertEquals(1, list(spill).size(), "the open streamed transaction spills");
            f.a.query("ROLLBACK");
            f.insert(f.a, -1, "marker", 0);

            assertMarker(next(txs), f);
            assertEquals(0, txs.openTransactions(), "the aborted transaction was dropped");
            assertEquals(List.of(), list(spill), "its spill file was deleted at the abort");
        }
    }

    /** (e) two_phase: PREPARED with changes and gid; COMMIT PREPARED / ROLLBACK PREPARED as their own kinds. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void twoPhaseTransactionsArriveAtPrepareAndSettleLater(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 15, "two_phase needs PostgreSQL 15");
        try (StreamFixture f = new StreamFixture(server, transport, "txm_2pc")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON).twoPhase(true));
            String t = f.table;
            String g1 = t + "_g1";
            String g2 = t + "_g2";
            String g3 = t + "_g3";
            f.a.query("BEGIN; INSERT INTO " + t + " VALUES (1, 'p1', 10), (2, 'p2', 20); PREPARE TRANSACTION '"
                    + g1 + "'");
            f.insert(f.b, 3, "between", 30);
            f.a.query("COMMIT PREPARED '" + g1 + "'");
            f.a.query("BEGIN; INSERT INTO " + t + " VALUES (4, 'p4', 40); PREPARE TRANSACTION '" + g2 + "'");
            f.a.query("ROLLBACK PREPARED '" + g2 + "'");
            // A prepared transaction large enough to be streamed: Stream Prepare.
            f.a.query("BEGIN");
            f.insertSeries(f.a, 1000, 5999, "s", 1);
            f.a.query("PREPARE TRANSACTION '" + g3 + "'");
            f.a.query("COMMIT PREPARED '" + g3 + "'");

            Received received = next(stream, 7);
            List<Transaction> txs = received.txs();
            List<String> big = new ArrayList<>();
            for (int id = 1000; id <= 5999; id++) {
                big.add("I " + t + " " + id + " s" + id + " " + id);
            }
            StreamFixture.assertLines(List.of(
                    "PREPARED " + g1 + " [I " + t + " 1 p1 10, I " + t + " 2 p2 20]",
                    "REGULAR [I " + t + " 3 between 30]",
                    "COMMIT_PREPARED " + g1 + " []",
                    "PREPARED " + g2 + " [I " + t + " 4 p4 40]",
                    "ROLLBACK_PREPARED " + g2 + " []",
                    "PREPARED " + g3 + " (streamed) " + big,
                    "COMMIT_PREPARED " + g3 + " []"), received.lines());

            Transaction p1 = txs.get(0);
            assertTrue(p1.endMessage() instanceof Prepare p && p.gid().equals(g1) && p.xid() == p1.xid());
            assertFalse(p1.isStreamed());
            Transaction c1 = txs.get(2);
            assertEquals(p1.xid(), c1.xid(), "COMMIT PREPARED names the prepared xid");
            assertTrue(c1.endMessage() instanceof CommitPrepared cp && cp.gid().equals(g1));
            assertTrue(c1.isEmpty() && c1.commitLsn().isAfter(p1.endLsn()) && c1.endLsn().isAfter(c1.commitLsn()));
            Transaction p2 = txs.get(3);
            Transaction r2 = txs.get(4);
            assertEquals(p2.xid(), r2.xid());
            assertTrue(r2.endMessage() instanceof RollbackPrepared rp && rp.gid().equals(g2)
                    && rp.prepareEndLsn().equals(p2.endLsn()), "ROLLBACK PREPARED points at its prepare");
            assertTrue(r2.endLsn().isAfter(p2.endLsn()));
            Transaction p3 = txs.get(5);
            assertTrue(p3.isStreamed() && p3.endMessage() instanceof StreamPrepare sp && sp.gid().equals(g3));
            assertEquals(p3.xid(), txs.get(6).xid());
            for (int i = 1; i < txs.size(); i++) {
                assertTrue(txs.get(i).endLsn().isAfter(txs.get(i - 1).endLsn()), "acknowledgement order");
            }
        }
    }

    /** (f) streaming 'parallel': an aborted streamed transaction (Stream Abort with its LSN) and a committed one. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void parallelStreamingWithAbortedTransaction(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 16, "streaming 'parallel' needs PostgreSQL 16");
        try (StreamFixture f = new StreamFixture(server, transport, "txm_parallel")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.PARALLEL));
            TransactionStream txs = stream.transactions();
            f.a.query("BEGIN");
            f.insertSeries(f.a, 100_000, 109_999, "x", 1);
            awaitStreamed(txs, () -> txs.openTransactions() == 1); // see abortedStreamedTransactionIsNeverDelivered
            f.a.query("ROLLBACK");
            savepointWorkload(f);
            f.insert(f.a, -1, "marker", 0);

            Transaction tx = next(stream);
            assertEquals(Transaction.Kind.STREAMED, tx.kind(), tx.describe());
            assertSavepointRows(tx);
            assertMarker(next(stream), f);
            assertEquals(0, stream.transactions().openTransactions());
        }
    }

    /** (g) A large regular transaction beyond a 16 KiB budget spills, arrives intact, and its file goes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void largeRegularTransactionSpillsAndIsDeliveredIntact(String transport, PostgresServer server,
                                                           @TempDir Path spill) throws IOException {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_spill")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.OFF));
            TransactionStream txs = stream.transactions(new TransactionOptions(16 * 1024, spill));
            f.insertSeries(f.a, 1, 20_000, "n", 3);
            f.insert(f.a, -1, "marker", 0);

            Transaction big = next(txs);
            assertEquals(Transaction.Kind.REGULAR, big.kind(), big.describe());
            assertTrue(big.isSpilled(), "20k changes do not fit 16 KiB");
            assertEquals(1, list(spill).size(), "one spill file while the transaction is live");
            assertEquals(20_000, big.size());
            for (int pass = 0; pass < 2; pass++) { // iterable more than once: the file is read again
                long id = 1;
                for (ReplicationEvent e : big) {
                    assertEquals(id, e.newRow().get("id").asLong());
                    assertEquals("n" + id, e.newRow().get("name").asString());
                    assertEquals(3 * id, e.newRow().get("amount").asLong());
                    id++;
                }
                assertEquals(20_001, id, "pass " + pass);
            }
            // An iteration left unfinished (its reader open on the file) must not keep the file alive.
            Iterator<ReplicationEvent> unfinished = big.iterator();
            for (int i = 0; i < 10_000; i++) {
                unfinished.next();
            }

            Transaction marker = next(txs);
            assertMarker(marker, f);
            assertFalse(marker.isSpilled());
            assertTrue(big.isReleased(), "asking for the next transaction released the previous one");
            assertThrows(IllegalStateException.class, big::iterator);
            assertEquals(List.of(), list(spill), "the spill directory is empty after the release");
            stream.close();
            assertEquals(List.of(), list(spill));
        }
    }

    /** (g) Spilling a streamed transaction: the rolled-back savepoint's rows, written to the file, are skipped. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void spilledStreamedTransactionOmitsRolledBackSavepoint(String transport, PostgresServer server,
                                                            @TempDir Path spill) throws IOException {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_spill_sp")) {
            LogicalReplicationStream stream = f.open(b -> b.streaming(StreamingMode.ON));
            TransactionStream txs = stream.transactions(new TransactionOptions(16 * 1024, spill));
            savepointWorkload(f);
            f.insert(f.a, -1, "marker", 0);

            Transaction tx = next(txs);
            assertEquals(Transaction.Kind.STREAMED, tx.kind(), tx.describe());
            assertTrue(tx.isSpilled());
            assertSavepointRows(tx);
            assertMarker(next(txs), f);
            assertTrue(tx.isReleased());
            assertEquals(List.of(), list(spill), "the spill directory is empty after the release");
        }
    }

    /** (h) ON_COMMIT in transaction mode: confirmed_flush_lsn reaches endLsn once the handler returned. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void onCommitAcknowledgesWhenTheHandlerReturns(String transport, PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, transport, "txm_ack");
             PgConnection probe = Slots.sql(server, transport)) {
            LogicalReplicationStream stream = f.open(b -> b.flushMode(FlushMode.ON_COMMIT));
            Lsn initial = f.confirmedFlush();
            CountDownLatch inHandler = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Transaction> seen = new ArrayList<>();
            List<Lsn> flushedInHandler = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread consumer = new Thread(() -> {
                try {
                    stream.forEachTransaction(tx -> {
                        synchronized (seen) {
                            seen.add(tx);
                            flushedInHandler.add(stream.positions().flushed());
                        }
                        if (seen.size() == 1) {
                            inHandler.countDown();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "tx-consumer");
            consumer.start();
            try {
                f.insert(f.a, 1, "first", 1);
                assertTrue(inHandler.await(30, TimeUnit.SECONDS), "the first transaction reached the handler");
                Transaction first;
                synchronized (seen) {
                    first = seen.get(0);
                }
                // Several status intervals pass while the handler holds the transaction: nothing is confirmed.
                Thread.sleep(800);
                assertTrue(stream.positions().flushed().isBefore(first.endLsn()), "not acknowledged in the handler");
                Lsn during = confirmedFlush(probe, f.slot);
                assertTrue(during.isBefore(first.endLsn()), "confirmed_flush_lsn " + during
                        + " stays before the transaction's end " + first.endLsn() + " while the handler runs");
                release.countDown();
                assertEquals(first.endLsn(), awaitConfirmed(probe, f.slot, first.endLsn()),
                        "confirmed_flush_lsn is the transaction's endLsn once the handler returned");

                f.insert(f.a, 2, "second", 2);
                Transaction second = awaitSeen(seen, 2);
                assertEquals(second.endLsn(), awaitConfirmed(probe, f.slot, second.endLsn()));
                synchronized (seen) {
                    assertTrue(flushedInHandler.get(0).isBefore(first.endLsn()));
                    assertEquals(first.endLsn(), flushedInHandler.get(1), "the first was acknowledged on return");
                    assertTrue(initial.isBefore(first.endLsn()));
                }
            } finally {
                release.countDown();
                stream.close();
                consumer.join(10_000);
            }
            assertFalse(consumer.isAlive(), "closing ends forEachTransaction");
            if (failure.get() != null) {
                throw new AssertionError("forEachTransaction failed", failure.get());
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * One streamed transaction: rows 1..5000 (top level), a savepoint whose 5000 rows are rolled back after being
     * streamed, rows 5001..9000 (in the savepoint's successor subtransaction), a released savepoint with rows
     * 9001..9500, commit.
     */
    private static void savepointWorkload(StreamFixture f) {
        f.a.query("BEGIN");
        f.insertSeries(f.a, 1, 5000, "k", 2);
        f.a.query("SAVEPOINT s1");
        f.insertSeries(f.a, 200_001, 205_000, "gone", 1);
        f.a.query("ROLLBACK TO SAVEPOINT s1");
        f.insertSeries(f.a, 5001, 9000, "k", 2);
        f.a.query("SAVEPOINT s2");
        f.insertSeries(f.a, 9001, 9500, "k", 2);
        f.a.query("RELEASE SAVEPOINT s2");
        f.a.query("COMMIT");
    }

    private static void assertSavepointRows(Transaction tx) {
        assertTrue(tx.isStreamed());
        assertEquals(9500, tx.size(), "without the 5000 rolled-back rows");
        long id = 1;
        for (ReplicationEvent e : tx) {
            assertEquals(id, e.newRow().get("id").asLong(), "rows in order, none rolled back");
            assertEquals("k" + id, e.newRow().get("name").asString());
            assertEquals(2 * id, e.newRow().get("amount").asLong());
            id++;
        }
        assertEquals(9501, id);
    }

    /** Consumes (receiving nothing whole) until {@code condition} holds for the open streamed transaction. */
    private static void awaitStreamed(TransactionStream txs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + StreamFixture.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the open transaction was not streamed");
            Transaction t = txs.next(Duration.ofMillis(100));
            if (t != null) {
                throw new AssertionError("nothing is committed yet, but got " + t.describe());
            }
        }
    }

    private static void assertMarker(Transaction t, StreamFixture f) {
        assertEquals("REGULAR [I " + f.table + " -1 marker 0]", TxTrace.line(t));
    }

    private static Transaction next(LogicalReplicationStream stream) {
        return next(stream.transactions());
    }

    private static Transaction next(TransactionStream txs) {
        Transaction t = txs.next(StreamFixture.WAIT);
        assertNotNull(t, "no transaction within " + StreamFixture.WAIT);
        return t;
    }

    /** Transactions and their lines, formatted while each was live (it is released when the next is requested). */
    private record Received(List<Transaction> txs, List<String> lines) {
    }

    private static Received next(LogicalReplicationStream stream, int n) {
        List<Transaction> txs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transaction t = next(stream);
            txs.add(t);
            lines.add(TxTrace.line(t));
        }
        return new Received(txs, lines);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static Lsn confirmedFlush(PgConnection sql, String slot) {
        return Lsn.parse(sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot
                + "'").getString(0, 0));
    }

    private static Lsn awaitConfirmed(PgConnection sql, String slot, Lsn target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Lsn confirmed = confirmedFlush(sql, slot);
        while (confirmed.isBefore(target) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            confirmed = confirmedFlush(sql, slot);
        }
        return confirmed;
    }

    private static Transaction awaitSeen(List<Transaction> seen, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.size() >= n) {
                    return seen.get(n - 1);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("transaction #" + n + " did not arrive");
    }
}
