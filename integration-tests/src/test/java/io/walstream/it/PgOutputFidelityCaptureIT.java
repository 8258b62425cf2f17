package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.wire.CapturingTransport;
import io.walstream.testkit.wire.Chunking;
import io.walstream.testkit.wire.Direction;
import io.walstream.testkit.wire.FixtureDecoding;
import io.walstream.testkit.wire.FixtureParser;
import io.walstream.testkit.wire.FixtureWriter;
import io.walstream.testkit.wire.WireFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Captures small real pgoutput streams as {@code .pgw} fixtures (CopyData/XLogData frames around the payloads
 * the server produced) with golden {@code .expect} files holding each message's canonical {@code describe()}
 * line: {@code v1-text} (protocol 1), {@code v2-streamed} (protocol 2, streaming and messages) and, on
 * PostgreSQL 16+, {@code v4-parallel-abort} (protocol 4, streaming 'parallel': Stream Abort with abort LSN and
 * time). With {@code -Dwalstream.fixtures.out=<dir>} they are written to {@code <dir>/pgoutput/}; the testkit
 * ships them under {@code fixtures/pgoutput/} (listed in that directory's own {@code index.txt}) for
 * {@code PgOutputGoldenTest}. The unpublished filler table makes transactions stream while keeping the captured
 * streams small.
 */
@PostgresTest
class PgOutputFidelityCaptureIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void capturesPgOutputStreams(PostgresServer server) throws IOException {
        int major = server.version().major();
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.queryAll("CREATE TABLE cap_items (id int PRIMARY KEY, name text, amount numeric, at timestamptz);"
                    + " CREATE TABLE cap_filler (id int, pad text);"
                    + " CREATE PUBLICATION cap_pub FOR TABLE cap_items");
            sql.query("SELECT pg_create_logical_replication_slot('cap_slot', 'pgoutput')");
            String filler = "INSERT INTO cap_filler SELECT g, repeat('f', 100) FROM generate_series(1, 700) g;";
            sql.query("INSERT INTO cap_items VALUES (1, 'one', 1.50, '2024-01-02 03:04:05.678+00'),"
                    + " (2, NULL, 'NaN', 'infinity'), (3, 'grün ✓', -0.001, NULL)");
            sql.queryAll("BEGIN; UPDATE cap_items SET name = 'uno' WHERE id = 1; DELETE FROM cap_items WHERE id = 2;"
                    + " COMMIT");
            sql.queryAll("BEGIN; INSERT INTO cap_items VALUES (10, 'streamed before');" + filler
                    + " SELECT pg_logical_emit_message(true, 'cap', 'in stream');"
                    + " INSERT INTO cap_items VALUES (11, 'streamed after'); COMMIT");
            sql.queryAll("BEGIN; INSERT INTO cap_items VALUES (20, 'kept'); SAVEPOINT s;"
                    + " INSERT INTO cap_items VALUES (21, 'rolled back');" + filler
                    + " ROLLBACK TO SAVEPOINT s; INSERT INTO cap_items VALUES (22, 'kept after'); COMMIT");
            sql.queryAll("BEGIN; INSERT INTO cap_items VALUES (30, 'aborted');" + filler + " ROLLBACK");
            sql.query("TRUNCATE cap_items");

            capture(server, sql, "v1-text", "1", false, "'proto_version', '1'");
            capture(server, sql, "v2-streamed", "2", false,
                    "'proto_version', '2', 'streaming', 'on', 'messages', 'true'");
            if (major >= 16) {
                capture(server, sql, "v4-parallel-abort", "4", true,
                        "'proto_version', '4', 'streaming', 'parallel', 'messages', 'true'");
            }
        }
    }

    private static void capture(PostgresServer server, PgConnection sql, String kind, String proto, boolean parallel,
                                String options) throws IOException {
        ResultSet rs = sql.query("SELECT lsn, data FROM pg_logical_slot_peek_binary_changes('cap_slot', NULL, NULL, "
                + options + ", 'publication_names', 'cap_pub')");
        PgOutputDecoder decoder = PgOutputDecoder.builder(Integer.parseInt(proto)).parallelStreaming(parallel).build();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rs.rowCount(); i++) {
            String hex = rs.getString(i, 1);
            byte[] payload = HexFormat.of().parseHex(hex, 2, hex.length());
            Lsn lsn = Lsn.parse(rs.getString(i, 0));
            PgOutputMessage m = decoder.decode(payload);
            assertArrayEquals(payload, PgOutputWriter.encode(m), m.describe());
            // walStart = walEnd = the change's LSN, send time 0: deterministic framing of the server's payload
            frames.writeBytes(PgOutputWriter.copyData(lsn, lsn, 0L, m));
            lines.add(m.describe());
        }
        assertFalse(decoder.inStreamBlock());
        if (!kind.equals("v1-text")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("StreamStart")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("StreamAbort")), lines.toString());
        }
        String name = "pg" + server.version().major() + "-" + kind;
        String text = FixtureWriter.render("PostgreSQL " + server.serverVersion() + " pgoutput " + kind + " ("
                + options.replace("'", "") + "), read with pg_logical_slot_peek_binary_changes and framed as"
                + " CopyData/XLogData (walStart = walEnd = lsn, sendTime = 0)",
                List.of(new CapturingTransport.Segment(Direction.SERVER_TO_CLIENT, frames.toByteArray())));
        WireFixture parsed = FixtureParser.parse(name, null, text, null);
        assertArrayEquals(frames.toByteArray(), parsed.serverBytes(), "the fixture reproduces the frames");
        List<String> decoded = FixtureDecoding.render(parsed, Chunking.WHOLE);
        assertTrue(decoded.stream().noneMatch(l -> l.startsWith("!error")), decoded.toString());
        assertEquals(lines.size(), parsed.frameBoundaries().length, "one frame per message");
        String out = System.getProperty("walstream.fixtures.out");
        if (out != null && !out.isBlank()) {
            Path dir = Path.of(out, "pgoutput");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".pgw"), text);
            Files.writeString(dir.resolve(name + ".expect"), "# PgOutputDecoder.decode(XLogData payload).describe() of "
                    + name + ".pgw, one line per CopyData frame (proto_version " + proto
                    + (parallel ? ", streaming parallel" : "") + ")\n" + String.join("\n", lines) + "\n");
        }
    }
}
