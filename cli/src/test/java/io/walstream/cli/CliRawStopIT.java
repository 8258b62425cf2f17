package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code --format raw} under SIGTERM, with streamed transactions in the workload: the first run stops outside any
 * transaction or stream, the second resumes, and together they hold every insert exactly once (by WAL position).
 * On 15 and 17 (the json variant, {@link CliStopIT}, runs everywhere).
 */
@PostgresTest
@PostgresVersions({15, 17})
class CliRawStopIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("logical_decoding_work_mem", "64kB").build();
    }

    @Test
    void rawStopsOutsideTransactionsAndResumesWithoutRepeating(PostgresServer server) throws Exception {
        String slot = "cli_raw";
        AtomicBoolean writing = new AtomicBoolean(true);
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_raw_t (id serial PRIMARY KEY, pad text);"
                    + " CREATE PUBLICATION cli_raw_pub FOR TABLE cli_raw_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            Thread workload = new Thread(() -> {
                try (PgConnection w = LiveSql.sql(server)) {
                    for (int i = 0; writing.get(); i++) {
                        if (i % 20 == 0) { // > 64 kB: streamed while in progress
                            w.query("INSERT INTO cli_raw_t (pad) SELECT repeat('s', 200) FROM generate_series(1, 500)");
                        } else {
                            w.query("INSERT INTO cli_raw_t (pad) VALUES ('r')");
                        }
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workload.start();
            CliProcess first = CliProcess.start("stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_raw_pub", "--format", "raw", "--streaming", "on");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (first.stdoutLines().size() < 1500 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            first.terminate();
            int code = first.waitFor(30);
            writing.set(false);
            workload.join(10_000);
            assertEquals(0, code, first.stderr());
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess second = CliProcess.run(120, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_raw_pub", "--format", "raw", "--streaming", "on", "--endpos", end.toString());
            assertEquals(0, second.exitCode(), second.stderr());

            Set<String> inserts = new HashSet<>();
            int firstRun = insertLines(first.stdoutLines(), inserts);
            int secondRun = insertLines(second.stdoutLines(), inserts);
            long rows = Long.parseLong(sql.query("SELECT count(*) FROM cli_raw_t").getString(0, 0));
            assertTrue(firstRun > 0 && secondRun > 0, firstRun + " + " + secondRun);
            assertTrue(first.stdout().contains(" S "), "the first run saw a streamed transaction");
            assertEquals(firstRun + secondRun, inserts.size(), "no insert written twice");
            assertEquals(rows, inserts.size(), "every insert written");
        } finally {
            writing.set(false);
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    /** Adds the WAL positions of the 'I' lines; returns how many there were. */
    private static int insertLines(List<String> lines, Set<String> positions) {
        int n = 0;
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts[2].equals("I")) {
                positions.add(parts[0]);
                n++;
            }
        }
        return n;
    }
}
