package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Options of {@code walstream stream} and {@code identify} against real PostgreSQL, each on a short workload:
 * {@code --start} skips transactions committed before it (as the server does), {@code --proto-version 1} gives the
 * same JSON as the default, {@code --streaming parallel} delivers a large transaction whole and once,
 * {@code --create-slot --temporary} leaves no slot behind, {@code identify} as a role without REPLICATION fails
 * with the server's reason, and a closed stdout pipe stops the command quietly (exit 0, written work
 * acknowledged). On 16 (the first with parallel streaming) and 18.
 */
@PostgresTest
@PostgresVersions({16, 18})
class CliOptionsIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("logical_decoding_work_mem", "64kB")
                .role(PostgresRole.user("cli_norep", null)).build();
    }

    @Test
    void startSkipsTransactionsCommittedBeforeIt(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_start_t (id int PRIMARY KEY); CREATE PUBLICATION cli_start_pub FOR TABLE"
                    + " cli_start_t");
            sql.query("SELECT pg_create_logical_replication_slot('cli_start', 'pgoutput')");
            sql.query("INSERT INTO cli_start_t VALUES (1)");
            Lsn start = LiveSql.insertLsn(sql);
            sql.query("INSERT INTO cli_start_t VALUES (2)");
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess all = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_start", "-P",
                    "cli_start_pub", "--endpos", end.toString(), "--flush-mode", "manual");
            assertEquals(0, all.exitCode(), all.stderr());
            assertEquals(List.of(1L, 2L), ids(all.stdoutLines()), "without --start: both");
            CliProcess from = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_start", "-P",
                    "cli_start_pub", "--start", start.toString(), "--endpos", end.toString());
            assertEquals(0, from.exitCode(), from.stderr());
            assertEquals(List.of(2L), ids(from.stdoutLines()), "--start skips the transaction committed before it");
        }
    }

    @Test
    void protoVersion1GivesTheSameJsonAsTheDefault(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_v1_t (id int PRIMARY KEY, note text, n numeric);"
                    + " CREATE PUBLICATION cli_v1_pub FOR TABLE cli_v1_t");
            sql.query("SELECT pg_create_logical_replication_slot('cli_v1', 'pgoutput')");
            sql.query("INSERT INTO cli_v1_t VALUES (1, 'a', 1.5), (2, NULL, 2)");
            sql.query("UPDATE cli_v1_t SET note = 'b' WHERE id = 1");
            sql.query("DELETE FROM cli_v1_t WHERE id = 2");
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess v1 = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_v1", "-P",
                    "cli_v1_pub", "--endpos", end.toString(), "--flush-mode", "manual", "--proto-version", "1",
                    "--transactions");
            assertEquals(0, v1.exitCode(), v1.stderr());
            CliProcess dflt = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_v1", "-P",
                    "cli_v1_pub", "--endpos", end.toString(), "--transactions");
            assertEquals(0, dflt.exitCode(), dflt.stderr());
            List<String> lines = dflt.stdoutLines();
            assertEquals(4 + 2 * 3, lines.size(), "3 transactions: begin, changes, commit: " + lines);
            assertEquals(lines.size(), v1.stdoutLines().size());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(Json.object(lines.get(i)), Json.object(v1.stdoutLines().get(i)), "line " + i);
            }
        }
    }

    @Test
    void streamingParallelDeliversALargeTransactionWholeAndOnce(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_par_t (id int PRIMARY KEY, pad text); CREATE PUBLICATION cli_par_pub"
                    + " FOR TABLE cli_par_t");
            sql.query("SELECT pg_create_logical_replication_slot('cli_par', 'pgoutput')");
            sql.queryAll("BEGIN; INSERT INTO cli_par_t SELECT g, repeat('p', 100) FROM generate_series(1, 2000) g;"
                    + " COMMIT");
            sql.query("INSERT INTO cli_par_t VALUES (5000, 'small')");
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess raw = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_par", "-P",
                    "cli_par_pub", "--endpos", end.toString(), "--streaming", "parallel", "--format", "raw",
                    "--flush-mode", "manual");
            assertEquals(0, raw.exitCode(), raw.stderr());
            assertTrue(raw.stdoutLines().stream().anyMatch(l -> l.split(" ")[2].equals("S")),
                    "the server streamed the large transaction (a Stream Start message)");
            CliProcess p = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", "cli_par", "-P",
                    "cli_par_pub", "--endpos", end.toString(), "--streaming", "parallel");
            assertEquals(0, p.exitCode(), p.stderr());
            List<Long> ids = ids(p.stdoutLines());
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 2000; i++) {
                expected.add(i);
            }
            expected.add(5000L);
            assertEquals(expected, ids, "every row once, the large transaction whole before the next one");
            Set<Object> xids = new HashSet<>();
            for (String line : p.stdoutLines().subList(0, 2000)) {
                xids.add(Json.object(line).get("xid"));
            }
            assertEquals(1, xids.size(), "the 2000 rows are one transaction: " + xids);
        }
    }

    @Test
    void temporarySlotIsGoneAfterExit(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_tmp_t (id int PRIMARY KEY); CREATE PUBLICATION cli_tmp_pub FOR TABLE"
                    + " cli_tmp_t");
            CliProcess p = CliProcess.start("stream", "-d", LiveSql.conninfo(server), "-S", "cli_tmp", "-P",
                    "cli_tmp_pub", "--create-slot", "--temporary");
            long deadline = System.nanoTime() + 60_000_000_000L;
            String temporary = "none";
            while (temporary.equals("none") && System.nanoTime() < deadline && p.isAlive()) {
                temporary = sql.query("SELECT coalesce((SELECT temporary::text FROM pg_replication_slots"
                        + " WHERE slot_name = 'cli_tmp'), 'none')").getString(0, 0);
                Thread.sleep(100);
            }
            assertEquals("true", temporary, "a temporary slot while streaming; stderr: " + p.stderr());
            sql.query("INSERT INTO cli_tmp_t VALUES (1)");
            deadline = System.nanoTime() + 30_000_000_000L;
            while (p.stdoutLines().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(1L), ids(p.stdoutLines()), "a change made after the slot was created");
            p.terminate();
            assertEquals(0, p.waitFor(30), p.stderr());
            deadline = System.nanoTime() + 10_000_000_000L;
            String count = "1";
            while (!count.equals("0") && System.nanoTime() < deadline) {
                count = sql.query("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'cli_tmp'")
                        .getString(0, 0);
                Thread.sleep(100);
            }
            assertEquals("0", count, "the temporary slot went with the session");
        }
    }

    @Test
    void progressShowsNoLagWhenCaughtUpAndIdleThoughTheWalEndMovedOn(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_lag_t (id int PRIMARY KEY); CREATE TABLE cli_lag_other (id int);"
                    + " CREATE PUBLICATION cli_lag_pub FOR TABLE cli_lag_t");
            sql.query("SELECT pg_create_logical_replication_slot('cli_lag', 'pgoutput')");
            sql.query("INSERT INTO cli_lag_t VALUES (1)");
            CliProcess p = CliProcess.start("stream", "-d", LiveSql.conninfo(server), "-S", "cli_lag", "-P",
                    "cli_lag_pub", "--progress", "--status-interval", "1");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (p.stdoutLines().isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            Thread.sleep(1500);
            // WAL the publication does not carry: the server's WAL end moves past the last commit written (PG 15+
            // sends nothing for the empty transaction), the stream has nothing to write and is caught up
            sql.query("INSERT INTO cli_lag_other VALUES (1)");
            Thread.sleep(3500); // idle: a few progress ticks, status updates and keepalives
            p.terminate();
            assertEquals(0, p.waitFor(30), p.stderr());
            List<String> ticks = p.stderr().lines().filter(l -> l.startsWith("progress: ")).toList();
            assertFalse(ticks.isEmpty(), p.stderr());
            String last = ticks.get(ticks.size() - 1);
            String received = last.replaceAll(".* received (\\S+) .*", "$1");
            String flushed = last.replaceAll(".* flushed (\\S+) .*", "$1");
            assertTrue(Lsn.parse(received).isAfter(Lsn.parse(flushed)),
                    "the server's WAL end moved past the last commit written: " + last);
            assertTrue(last.endsWith("lag 0 B, 0.0 s"), "caught up and idle: no lag: " + p.stderr());
        }
    }

    @Test
    void identifyAsARoleWithoutReplicationFailsWithTheReason(PostgresServer server) throws Exception {
        CliProcess p = CliProcess.run(60, "identify", "-d", "host=" + server.host() + " port=" + server.port()
                + " user=cli_norep dbname=postgres");
        String err = p.stderr().strip();
        assertEquals(3, p.exitCode(), "could not get a usable connection: " + err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("hint: the role needs the REPLICATION attribute"), err);
        assertTrue(err.contains("42501") && err.toLowerCase(java.util.Locale.ROOT).contains("replication"), err);
    }

    @Test
    void aClosedStdoutPipeStopsQuietlyAndAcknowledgesWhatWasWritten(PostgresServer server) throws Exception {
        closedPipe(server, "json");
        closedPipe(server, "raw");
    }

    private static void closedPipe(PostgresServer server, String format) throws Exception {
        String slot = "cli_pipe_" + format;
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE " + slot + "_t (id int PRIMARY KEY); CREATE PUBLICATION " + slot
                    + "_pub FOR TABLE " + slot + "_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            sql.query("INSERT INTO " + slot + "_t VALUES (1)");
            Lsn afterFirst = LiveSql.insertLsn(sql);
            CliProcess p = CliProcess.startPiped("stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    slot + "_pub", "--format", format);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.stdoutPipe(), StandardCharsets.UTF_8));
            String firstLine = out.readLine();
            assertTrue(firstLine != null && !firstLine.isEmpty(), format + ": a first line; " + p.stderr());
            out.close(); // like `| head -1`
            sql.query("INSERT INTO " + slot + "_t VALUES (2)"); // its output meets the broken pipe
            int code = p.waitFor(60);
            String err = p.stderr();
            assertEquals(0, code, format + ": " + err);
            assertTrue(err.contains("output closed"), err);
            assertFalse(err.contains("I/O error"), err);
            Lsn confirmed = LiveSql.confirmedFlush(sql, slot);
            assertTrue(confirmed.isValid() && !confirmed.isAfter(afterFirst), format + ": acknowledged up to the"
                    + " first transaction, not the one that met the broken pipe: " + confirmed + " vs " + afterFirst);
            CliProcess again = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    slot + "_pub", "--endpos", LiveSql.insertLsn(sql).toString());
            assertEquals(0, again.exitCode(), again.stderr());
            assertEquals(List.of(2L), ids(again.stdoutLines()), format + ": the next run resumes with the unwritten"
                    + " transaction");
        }
    }

    private static List<Long> ids(List<String> lines) {
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> o = Json.object(line);
            if ("insert".equals(o.get("op"))) {
                ids.add((Long) CliStreamIT.columns(o).get("id"));
            }
        }
        return ids;
    }
}
