package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar under SIGTERM: mid-stream it exits 0 after a whole transaction and leaves
 * {@code confirmed_flush_lsn} at the end of the last commit written; a second run resumes with no duplicate and no
 * gap. Progress comes at one line a second.
 */
@PostgresTest
class CliStopIT {
    @Test
    void sigtermStopsAfterAWholeTransactionAndASecondRunResumesWithoutGapOrDuplicate(PostgresServer server)
            throws Exception {
        String slot = "cli_term";
        AtomicBoolean writing = new AtomicBoolean(true);
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_term_t (id serial PRIMARY KEY, pad text);"
                    + " CREATE PUBLICATION cli_term_pub FOR TABLE cli_term_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            Thread workload = new Thread(() -> {
                try (PgConnection w = LiveSql.sql(server)) {
                    while (writing.get()) {
                        w.queryAll("BEGIN; INSERT INTO cli_term_t (pad) VALUES ('a'); INSERT INTO cli_term_t (pad)"
                                + " VALUES ('b'); COMMIT");
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workload.start();
            CliProcess first = CliProcess.start("stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_term_pub", "--format", "json", "--transactions", "--status-interval", "1", "--progress",
                    "--transport", server.version().major() % 2 == 0 ? "netty" : "nio");
            long started = System.nanoTime();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (first.stdoutLines().size() < 200 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(first.isAlive(), "streaming: " + first.stderr());
            Thread.sleep(2500); // a few progress ticks
            first.terminate();
            double ranSeconds = (System.nanoTime() - started) / 1e9;
            int code = first.waitFor(30);
            writing.set(false);
            workload.join(10_000);
            assertEquals(0, code, first.stderr());
            assertTrue(first.stderr().contains("SIGTERM"), first.stderr());
            long ticks = first.stderr().lines().filter(l -> l.startsWith("progress: changes ")).count();
            assertTrue(ticks >= 1 && ticks <= ranSeconds + 1, "one progress line a second, not one per message: "
                    + ticks + " lines in " + ranSeconds + " s");
            List<String> lines = first.stdoutLines();
            Map<String, Object> last = Json.object(lines.get(lines.size() - 1));
            assertEquals("commit", last.get("op"), "the output ends with a whole transaction");
            assertEquals(Lsn.parse((String) last.get("end_lsn")), LiveSql.confirmedFlush(sql, slot),
                    "confirmed_flush_lsn is the end of the last transaction written");

            Lsn end = LiveSql.insertLsn(sql);
            CliProcess second = CliProcess.run(120, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_term_pub", "--format", "json", "--endpos", end.toString());
            assertEquals(0, second.exitCode(), second.stderr());
            List<Long> ids = new ArrayList<>();
            for (String line : lines) {
                collectId(Json.object(line), ids);
            }
            int firstRun = ids.size();
            for (String line : second.stdoutLines()) {
                collectId(Json.object(line), ids);
            }
            assertTrue(firstRun > 0 && ids.size() > firstRun, "both runs wrote rows: " + firstRun + ", " + ids.size());
            long rows = Long.parseLong(sql.query("SELECT count(*) FROM cli_term_t").getString(0, 0));
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= rows; i++) {
                expected.add(i);
            }
            assertEquals(expected, ids, "every row once, in order, across the two runs");
        } finally {
            writing.set(false);
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    private static void collectId(Map<String, Object> line, List<Long> ids) {
        if ("insert".equals(line.get("op"))) {
            ids.add((Long) CliStreamIT.columns(line).get("id"));
        }
    }
}
