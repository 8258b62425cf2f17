package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import io.walstream.testkit.postgres.PostgresTest;

/**
 * {@code walstream stream --format json} as a separate process against real PostgreSQL: the output, parsed, equals
 * what a workload wrote (NULLs, arrays, jsonb, bytea, numeric, timestamptz, unchanged TOAST, old keys, a streamed
 * transaction, no rolled-back row); {@code --endpos} stops exactly at a commit; {@code --flush-mode manual} leaves
 * the slot where it was; {@code slot create}, {@code slot list}, {@code identify} and {@code slot drop} work.
 */
@PostgresTest
class CliStreamIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("logical_decoding_work_mem", "64kB").build();
    }

    @Test
    void jsonOutputEqualsWhatTheWorkloadWrote(PostgresServer server) throws Exception {
        String slot = "cli_json";
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_json_t (id int PRIMARY KEY, n int, note text, body text, arr int[],"
                    + " js jsonb, ts timestamptz, b bytea, num numeric);"
                    + " ALTER TABLE cli_json_t ALTER COLUMN body SET STORAGE EXTERNAL;"
                    + " CREATE PUBLICATION cli_json_pub FOR TABLE cli_json_t");
            CliProcess created = CliProcess.run(60, "slot", "create", slot, "-d", LiveSql.conninfo(server),
                    "--format", "json");
            assertEquals(0, created.exitCode(), created.stderr());
            assertEquals(slot, Json.object(created.stdout().strip()).get("slot_name"));

            sql.query("INSERT INTO cli_json_t VALUES (1, NULL, 'a', repeat('x', 5000), '{1,2,NULL}',"
                    + " '{\"k\": [1, \"two\"]}', '2024-01-02 03:04:05.123456+00', '\\x00ff', 1.50)");
            sql.query("INSERT INTO cli_json_t (id, n) VALUES (2, 7)");
            sql.query("UPDATE cli_json_t SET n = 5 WHERE id = 1");
            sql.query("UPDATE cli_json_t SET id = 10 WHERE id = 2");
            sql.query("DELETE FROM cli_json_t WHERE id = 10");
            sql.queryAll("BEGIN; INSERT INTO cli_json_t (id, note) SELECT g, repeat('y', 100)"
                    + " FROM generate_series(100, 2099) g; COMMIT");
            sql.queryAll("BEGIN; INSERT INTO cli_json_t (id) VALUES (5000); ROLLBACK");
            Lsn end = LiveSql.insertLsn(sql);

            CliProcess binary = CliProcess.run(120, "stream", "-d", LiveSql.conninfo(server), "--slot", slot,
                    "--publication", "cli_json_pub", "--endpos", end.toString(), "--binary", "--flush-mode", "manual");
            assertEquals(0, binary.exitCode(), binary.stderr());
            CliProcess p = CliProcess.run(120, "stream", "-d", LiveSql.conninfo(server), "--slot", slot,
                    "--publication", "cli_json_pub", "--endpos", end.toString(), "--streaming", "on",
                    "--transport", server.version().major() % 2 == 0 ? "nio" : "netty");
            assertEquals(0, p.exitCode(), p.stderr());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String line : p.stdoutLines()) {
                rows.add(Json.object(line));
            }
            assertEquals(2005, rows.size(), "2 inserts, 2 updates, 1 delete, 2000 streamed inserts; no rollback");
            List<String> binaryLines = binary.stdoutLines();
            assertEquals(rows.size(), binaryLines.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i), Json.object(binaryLines.get(i)), "--binary gives the same JSON, line " + i);
            }

            Map<String, Object> first = rows.get(0);
            assertEquals("insert", first.get("op"));
            assertEquals("public", first.get("schema"));
            assertEquals("cli_json_t", first.get("table"));
            assertEquals(List.of("id"), first.get("key"));
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("id", 1L);
            expected.put("n", null);
            expected.put("note", "a");
            expected.put("body", "x".repeat(5000));
            expected.put("arr", java.util.Arrays.asList(1L, 2L, null));
            expected.put("js", Map.of("k", List.of(1L, "two")));
            expected.put("ts", "2024-01-02T03:04:05.123456Z");
            expected.put("b", "00ff");
            expected.put("num", "1.50");
            assertEquals(expected, first.get("columns"));
            assertTrue(first.get("xid") instanceof Long, first.toString());
            Lsn.parse((String) first.get("lsn"));
            Lsn.parse((String) first.get("commit_lsn"));
            assertTrue(((String) first.get("commit_time")).endsWith("Z"), first.toString());

            Map<String, Object> second = rows.get(1);
            assertEquals(Map.of("id", 2L, "n", 7L), withoutNulls(second.get("columns")));

            Map<String, Object> toast = rows.get(2);
            assertEquals("update", toast.get("op"));
            assertEquals(List.of("body"), toast.get("unchanged_toast"), "the TOASTed body was not sent");
            assertFalse(columns(toast).containsKey("body"));
            assertEquals(5L, columns(toast).get("n"));
            assertNull(toast.get("old"), "no old tuple when the key did not change");

            Map<String, Object> keyChange = rows.get(3);
            assertEquals(Map.of("id", 2L), keyChange.get("old"));
            assertEquals("key", keyChange.get("old_kind"));
            assertEquals(10L, columns(keyChange).get("id"));

            Map<String, Object> delete = rows.get(4);
            assertEquals("delete", delete.get("op"));
            assertEquals(Map.of("id", 10L), delete.get("old"));
            assertFalse(delete.containsKey("columns"));

            List<Map<String, Object>> streamed = rows.subList(5, rows.size());
            Object xid = streamed.get(0).get("xid");
            Object commit = streamed.get(0).get("commit_lsn");
            for (int i = 0; i < streamed.size(); i++) {
                Map<String, Object> r = streamed.get(i);
                assertEquals("insert", r.get("op"));
                assertEquals((long) (100 + i), columns(r).get("id"));
                assertEquals("y".repeat(100), columns(r).get("note"));
                assertEquals(xid, r.get("xid"));
                assertEquals(commit, r.get("commit_lsn"));
            }
            Lsn previous = Lsn.INVALID;
            Set<Object> xids = new TreeSet<>();
            for (Map<String, Object> r : rows) {
                Lsn c = Lsn.parse((String) r.get("commit_lsn"));
                assertFalse(c.isBefore(previous), "commit order");
                previous = c;
                xids.add(r.get("xid"));
            }
            assertEquals(6, xids.size(), "six committed transactions");
            assertFalse(LiveSql.confirmedFlush(sql, slot).isBefore(previous), "acknowledged up to the last commit");

            CliProcess list = CliProcess.run(60, "slot", "list", "-d", LiveSql.conninfo(server), "--format", "json");
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stdoutLines().stream().map(Json::object).anyMatch(s -> slot.equals(s.get("slot_name"))
                    && "pgoutput".equals(s.get("plugin"))), list.stdout());

            CliProcess identify = CliProcess.run(60, "identify", "-d", LiveSql.conninfo(server), "--format", "json");
            assertEquals(0, identify.exitCode(), identify.stderr());
            Map<String, Object> id = Json.object(identify.stdout().strip());
            assertEquals("logical", id.get("wal_level"));
            assertEquals(true, id.get("replication"));
            assertEquals("postgres", id.get("dbname"));
            assertTrue(((String) id.get("server_version")).startsWith(String.valueOf(server.version().major())));

            sql.query("INSERT INTO cli_json_t (id) VALUES (6000)");
            Lsn target = LiveSql.insertLsn(sql);
            CliProcess advance = CliProcess.run(60, "slot", "advance", slot, "-d", LiveSql.conninfo(server),
                    "--format", "json");
            assertEquals(0, advance.exitCode(), advance.stderr());
            Lsn advanced = Lsn.parse((String) Json.object(advance.stdout().strip()).get("confirmed_flush_lsn"));
            assertFalse(advanced.isBefore(target), advanced + " >= " + target);
            assertEquals(advanced, LiveSql.confirmedFlush(sql, slot));

            CliProcess drop = CliProcess.run(60, "slot", "drop", slot, "-d", LiveSql.conninfo(server));
            assertEquals(0, drop.exitCode(), drop.stderr());
            assertEquals(0, sql.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                    .rowCount(), "dropped");
        } finally {
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    @Test
    void endposStopsExactlyAtTheCommitAndManualModeLeavesTheSlot(PostgresServer server) throws Exception {
        String slot = "cli_endpos";
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_endpos_t (id int PRIMARY KEY);"
                    + " CREATE PUBLICATION cli_endpos_pub FOR TABLE cli_endpos_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            Lsn before = LiveSql.confirmedFlush(sql, slot);
            for (int i = 1; i <= 3; i++) {
                sql.query("INSERT INTO cli_endpos_t VALUES (" + i + ")");
            }
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess all = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_endpos_pub", "--endpos", end.toString(), "--flush-mode", "manual", "--format", "json");
            assertEquals(0, all.exitCode(), all.stderr());
            List<String> lines = all.stdoutLines();
            assertEquals(3, lines.size(), all.stdout());
            assertEquals(before, LiveSql.confirmedFlush(sql, slot), "manual: never acknowledged");

            String secondCommit = (String) Json.object(lines.get(1)).get("commit_lsn");
            CliProcess upTo = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_endpos_pub", "--endpos", secondCommit, "--format", "json", "--transactions");
            assertEquals(0, upTo.exitCode(), upTo.stderr());
            List<Object> ops = new ArrayList<>();
            List<Object> ids = new ArrayList<>();
            Map<String, Object> last = null;
            for (String line : upTo.stdoutLines()) {
                last = Json.object(line);
                ops.add(last.get("op"));
                if ("insert".equals(last.get("op"))) {
                    ids.add(columns(last).get("id"));
                }
            }
            assertEquals(List.of(1L, 2L), ids, "the transaction committing at --endpos is the last one written");
            assertEquals(List.of("begin", "insert", "commit", "begin", "insert", "commit"), ops);
            assertEquals(Lsn.parse((String) last.get("end_lsn")), LiveSql.confirmedFlush(sql, slot));

            // the same range again (from a new slot position: only the third commit is left) as text and raw
            CliProcess text = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_endpos_pub", "--endpos", end.toString(), "--format", "text", "--transactions",
                    "--flush-mode", "manual");
            assertEquals(0, text.exitCode(), text.stderr());
            List<String> textLines = text.stdoutLines();
            assertEquals(3, textLines.size(), text.stdout());
            assertTrue(textLines.get(0).startsWith("BEGIN "), text.stdout());
            assertEquals("table public.cli_endpos_t: INSERT: id[int4]:3", textLines.get(1));
            assertTrue(textLines.get(2).startsWith("COMMIT "), text.stdout());
            CliProcess raw = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_endpos_pub", "--endpos", end.toString(), "--format", "raw");
            assertEquals(0, raw.exitCode(), raw.stderr());
            List<String> tags = new ArrayList<>();
            for (String line : raw.stdoutLines()) {
                String[] parts = line.split(" ");
                assertEquals(4, parts.length, line);
                Lsn.parse(parts[0]);
                tags.add(parts[2]);
                assertTrue(parts[3].matches("[0-9a-f]+"), line);
            }
            assertEquals(List.of("B", "R", "I", "C"), tags, raw.stdout());
            assertTrue(LiveSql.confirmedFlush(sql, slot).isAfter(Lsn.parse((String) last.get("end_lsn"))),
                    "raw acknowledges its commit");
        } finally {
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    @Test
    void fileOutputIsAppendedAndAcknowledgedOnceSynced(PostgresServer server) throws Exception {
        String slot = "cli_file";
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("cli-file").resolve("changes.jsonl");
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_file_t (id int PRIMARY KEY);"
                    + " CREATE PUBLICATION cli_file_pub FOR TABLE cli_file_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            List<Long> expected = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                for (int i = 1; i <= 3; i++) {
                    long id = run * 10L + i;
                    sql.query("INSERT INTO cli_file_t VALUES (" + id + ")");
                    expected.add(id);
                }
                Lsn end = LiveSql.insertLsn(sql);
                CliProcess p = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                        "cli_file_pub", "--endpos", end.toString(), "-f", file.toString(), "--fsync-interval",
                        run == 0 ? "0" : "30", "--transactions");
                assertEquals(0, p.exitCode(), p.stderr());
                assertEquals("", p.stdout(), "everything went to the file");
                List<String> lines = java.nio.file.Files.readAllLines(file);
                Map<String, Object> last = Json.object(lines.get(lines.size() - 1));
                assertEquals("commit", last.get("op"));
                assertEquals(Lsn.parse((String) last.get("end_lsn")), LiveSql.confirmedFlush(sql, slot),
                        "acknowledged once synced (after each transaction, or at the end)");
            }
            List<Long> ids = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(file)) {
                Map<String, Object> o = Json.object(line);
                if ("insert".equals(o.get("op"))) {
                    ids.add((Long) columns(o).get("id"));
                }
            }
            assertEquals(expected, ids, "the second run appended, without repeating the first");
        } finally {
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    @Test
    void twoPhaseWritesThePrepareAndItsSettlement(PostgresServer server) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.version().major() >= 15, "two_phase needs PostgreSQL 15");
        String slot = "cli_2pc";
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_2pc_t (id int PRIMARY KEY);"
                    + " CREATE PUBLICATION cli_2pc_pub FOR TABLE cli_2pc_t");
            sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            sql.queryAll("BEGIN; INSERT INTO cli_2pc_t VALUES (1); PREPARE TRANSACTION 'cli_g1'");
            sql.query("COMMIT PREPARED 'cli_g1'");
            sql.queryAll("BEGIN; INSERT INTO cli_2pc_t VALUES (2); PREPARE TRANSACTION 'cli_g2'");
            sql.query("ROLLBACK PREPARED 'cli_g2'");
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess p = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_2pc_pub", "--two-phase", "--endpos", end.toString(), "--format", "json");
            assertEquals(0, p.exitCode(), p.stderr());
            List<String> summary = new ArrayList<>();
            for (String line : p.stdoutLines()) {
                Map<String, Object> o = Json.object(line);
                summary.add(o.get("op") + " " + o.get("gid") + ("insert".equals(o.get("op"))
                        ? " " + columns(o).get("id") : ""));
            }
            assertEquals(List.of("insert cli_g1 1", "commit_prepared cli_g1", "insert cli_g2 2",
                    "rollback_prepared cli_g2"), summary, "changes at PREPARE, then their settlement");
        } finally {
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    @Test
    void createSlotCreatesAMissingSlot(PostgresServer server) throws Exception {
        String slot = "cli_created";
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_created_t (id int PRIMARY KEY);"
                    + " CREATE PUBLICATION cli_created_pub FOR TABLE cli_created_t");
            Lsn end = LiveSql.insertLsn(sql);
            CliProcess p = CliProcess.run(60, "stream", "-d", LiveSql.conninfo(server), "-S", slot, "-P",
                    "cli_created_pub", "--create-slot", "--endpos", end.toString(), "--format", "json");
            assertEquals(0, p.exitCode(), p.stderr());
            assertEquals("", p.stdout());
            assertEquals(1, sql.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot
                    + "' AND plugin = 'pgoutput'").rowCount(), "created");
        } finally {
            try (PgConnection sql = LiveSql.sql(server)) {
                LiveSql.dropSlotQuietly(sql, slot);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> columns(Map<String, Object> row) {
        return (Map<String, Object>) row.get("columns");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Object columns) {
        Map<String, Object> m = new java.util.LinkedHashMap<>((Map<String, Object>) columns);
        m.values().removeIf(v -> v == null);
        assertNotEquals(0, m.size());
        return m;
    }
}
