package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of change (insert, update, delete, truncate, transactional logical message) arrives with the
 * committed values and in commit order — also for two transactions committed in the reverse order of their
 * begin — through both the pull API ({@code next}) and the push API ({@code forEach}, stopped by closing the
 * stream from inside the handler).
 */
@PostgresTest
class CommitOrderIT {

    /** One line per delivered change/commit; Relation messages are left out (their placement is the server's). */
    private static final List<String> EXPECTED = List.of(
            "B", "I t 1 one", "I t 2 two", "C",
            "B", "U t 2 deux", "C",
            "B", "I t 3 three", "M walstream hello", "D t 1", "C",
            "B", "T u", "C",
            // interleaved: A began first (rows 10, 11), B began second (row 20) but committed first
            "B", "I t 20 second-begun", "C",
            "B", "I t 10 first-begun", "I t 11 first-begun-2", "C",
            "B", "U t 20 after", "C");
    private static final int COMMITS = (int) EXPECTED.stream().filter("C"::equals).count();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void pullDeliversAllChangeKindsInCommitOrder(String transport, PostgresServer server) {
        String slot = "order_pull_" + transport;
        String t = "t_pull_" + transport;
        String u = "u_pull_" + transport;
        try (PgConnection sql = Live.sql(server, transport); PgConnection sql2 = Live.sql(server, transport)) {
            setUp(sql, t, u, slot);
            writeWorkload(sql, sql2, t, u);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    slot, t + "_pub").messages(true).build())) {
                Checker checker = new Checker(t, u);
                int commits = 0;
                while (commits < COMMITS) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(20));
                    assertNotNull(e, "timed out after " + checker.seen);
                    if (checker.accept(e, stream)) {
                        commits++;
                    }
                }
                assertEquals(EXPECTED, checker.seen);
                assertEquals(null, stream.next(Duration.ofMillis(700)), "nothing beyond the workload");
                assertEquals(0, stream.metrics().reconnects());
            } finally {
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void pushDeliversInCommitOrderAndStopsWhenTheHandlerCloses(String transport, PostgresServer server)
            throws Exception {
        String slot = "order_push_" + transport;
        String t = "t_push_" + transport;
        String u = "u_push_" + transport;
        try (PgConnection sql = Live.sql(server, transport); PgConnection sql2 = Live.sql(server, transport)) {
            setUp(sql, t, u, slot);
            writeWorkload(sql, sql2, t, u);
            // A later transaction that must not reach the handler: it stops after COMMITS commits.
            sql.query("INSERT INTO " + t + " VALUES (99, 'after-close')");
            LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    slot, t + "_pub").messages(true).build());
            AtomicInteger afterClose = new AtomicInteger();
            Checker checker = new Checker(t, u);
            int[] commits = {0};
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> loop = pool.submit(() -> stream.forEach(e -> {
                    if (commits[0] >= COMMITS) {
                        afterClose.incrementAndGet();
                        return;
                    }
                    if (checker.accept(e, stream) && ++commits[0] == COMMITS) {
                        stream.close();
                    }
                }));
                loop.get(30, TimeUnit.SECONDS); // forEach returns once the handler closed the stream
                assertEquals(EXPECTED, checker.seen);
                assertEquals(0, afterClose.get(), "no event is pushed after close()");
                assertEquals(0, stream.metrics().reconnects());
            } finally {
                stream.close();
                pool.shutdownNow();
            }
            // ON_COMMIT: the last handled commit was acknowledged (the final status update at close carries it).
            Lsn flushed = stream.positions().flushed();
            assertTrue(LiveStreams.await(() -> !LiveStreams.confirmedFlush(sql, slot).isBefore(flushed),
                    Duration.ofSeconds(10)), "slot confirmed " + LiveStreams.confirmedFlush(sql, slot) + " < " + flushed);
            // The unhandled transaction is still there for the next stream.
            try (LogicalReplicationStream again = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    slot, t + "_pub").messages(true).build())) {
                Checker c2 = new Checker(t, u);
                while (true) {
                    ReplicationEvent e = again.next(Duration.ofSeconds(20));
                    assertNotNull(e, "timed out after " + c2.seen);
                    if (c2.accept(e, again)) {
                        break;
                    }
                }
                assertEquals(List.of("B", "I t 99 after-close", "C"), c2.seen);
            } finally {
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    private static void setUp(PgConnection sql, String t, String u, String slot) {
        sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY, name text)");
        sql.query("CREATE TABLE " + u + " (id int PRIMARY KEY)");
        sql.query("INSERT INTO " + u + " VALUES (1), (2)"); // before the slot: not streamed
        sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t + ", " + u);
        LiveStreams.createSlot(sql, slot);
    }

    private static void writeWorkload(PgConnection sql, PgConnection sql2, String t, String u) {
        sql.query("INSERT INTO " + t + " VALUES (1, 'one'), (2, 'two')");
        sql.query("UPDATE " + t + " SET name = 'deux' WHERE id = 2");
        sql.query("BEGIN");
        sql.query("INSERT INTO " + t + " VALUES (3, 'three')");
        sql.query("SELECT pg_logical_emit_message(true, 'walstream', 'hello')");
        sql.query("DELETE FROM " + t + " WHERE id = 1");
        sql.query("COMMIT");
        sql.query("TRUNCATE " + u);
        // Two concurrent transactions: A begins (and writes) first, B second; B commits first.
        sql.query("BEGIN");
        sql.query("INSERT INTO " + t + " VALUES (10, 'first-begun')");
        sql2.query("BEGIN");
        sql2.query("INSERT INTO " + t + " VALUES (20, 'second-begun')");
        sql.query("INSERT INTO " + t + " VALUES (11, 'first-begun-2')");
        sql2.query("COMMIT");
        sql.query("COMMIT");
        sql2.query("UPDATE " + t + " SET name = 'after' WHERE id = 20");
    }

    /**
     * Renders events and checks the transaction framing: Begin/Commit pairing and rising commit LSNs. Empty
     * transactions (PG 14 sends Begin/Commit for unpublished ones, e.g. an autovacuum ANALYZE) are left out.
     */
    private static final class Checker {
        final List<String> seen = new ArrayList<>();
        private final String t;
        private final String u;
        private Begin open;
        private Lsn lastCommitEnd = Lsn.INVALID;

        Checker(String t, String u) {
            this.t = t;
            this.u = u;
        }

        /** @return whether {@code e} completed a non-empty transaction */
        boolean accept(ReplicationEvent e, LogicalReplicationStream stream) {
            String line = line(e, stream);
            if (line == null) {
                return false;
            }
            if (line.equals("C") && seen.get(seen.size() - 1).equals("B")) {
                seen.remove(seen.size() - 1);
                return false;
            }
            seen.add(line);
            return line.equals("C");
        }

        String line(ReplicationEvent e, LogicalReplicationStream stream) {
            Object m = e.message();
            if (m instanceof Relation) {
                return null;
            }
            if (m instanceof Begin b) {
                assertEquals(null, open, "Begin inside an open transaction");
                open = b;
                return "B";
            }
            assertNotNull(open, "a change outside a transaction: " + e.describe());
            if (m instanceof Commit c) {
                assertEquals(open.finalLsn(), c.commitLsn(), "Begin.finalLsn = Commit.commitLsn");
                assertTrue(c.endLsn().isAfter(lastCommitEnd), "commit LSNs rise: " + c.endLsn() + " after "
                        + lastCommitEnd);
                lastCommitEnd = c.endLsn();
                open = null;
                return "C";
            }
            if (m instanceof Insert) {
                return "I " + name(e.newRow().relation().name()) + " " + e.newRow().get("id").asInt() + " "
                        + e.newRow().get("name").asString();
            }
            if (m instanceof Update) {
                return "U " + name(e.newRow().relation().name()) + " " + e.newRow().get("id").asInt() + " "
                        + e.newRow().get("name").asString();
            }
            if (m instanceof Delete) {
                return "D " + name(e.oldRow().relation().name()) + " " + e.oldRow().get("id").asInt();
            }
            if (m instanceof Truncate tr) {
                return "T " + tr.relationOids().stream().map(oid -> name(stream.relations().relation(oid).name()))
                        .collect(Collectors.joining(","));
            }
            if (m instanceof LogicalMessage lm) {
                assertTrue(lm.transactional(), "transactional message");
                return "M " + lm.prefix() + " " + new String(lm.content(), StandardCharsets.UTF_8);
            }
            return "? " + e.describe();
        }

        private String name(String table) {
            return table.equals(t) ? "t" : table.equals(u) ? "u" : table;
        }
    }
}
