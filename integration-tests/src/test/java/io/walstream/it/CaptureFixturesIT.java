package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.Connector;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import io.walstream.testkit.postgres.PasswordEncryption;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.wire.CapturingTransport;
import io.walstream.testkit.wire.Chunking;
import io.walstream.testkit.wire.Direction;
import io.walstream.testkit.wire.FixtureDecoding;
import io.walstream.testkit.wire.FixtureParser;
import io.walstream.testkit.wire.FixtureWriter;
import io.walstream.testkit.wire.WireFixture;
import io.walstream.transport.nio.NioTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Captures real startup, authentication and replication-command exchanges as wire fixtures, and checks that
 * the fixture text reproduces the captured bytes exactly and decodes cleanly. With
 * {@code -Dwalstream.fixtures.out=<dir>} the fixtures are also written there; the testkit ships the ones made
 * this way under {@code fixtures/captured/} (see testkit/tools/README.md), so the conformance suite replays
 * real server bytes.
 */
@PostgresTest
class CaptureFixturesIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .role(PostgresRole.user("capture_scram", "not-a-real-secret").withReplication(true)
                        .withEncryption(PasswordEncryption.SCRAM_SHA_256))
                .hbaLines(List.of("local all all trust",
                        "host all capture_scram 127.0.0.1/32 scram-sha-256",
                        "host all all 127.0.0.1/32 trust",
                        "host replication all 127.0.0.1/32 trust"))
                .build();
    }

    @Test
    void trustStartupAndReplicationCommands(PostgresServer server) throws IOException {
        List<CapturingTransport> captured = new ArrayList<>();
        try (PgConnection conn = Connector.connect(Live.config(server,
                "user=postgres dbname=postgres replication=database application_name=walstream-capture"
                        + " sslmode=disable"), // the shipped fixtures are plain-text exchanges, without SSLRequest
                capturing(captured), TransportOptions.defaults())) {
            ReplicationCommands commands = new ReplicationCommands(conn);
            commands.identifySystem();
            commands.show("server_version_num");
            commands.createReplicationSlot(CreateSlotRequest.logical("capture_slot", "pgoutput").withTemporary(true)
                    .withSnapshot(SnapshotAction.NOTHING));
        }
        check(server, "replication-commands", "trust startup (replication=database), IDENTIFY_SYSTEM, SHOW,"
                + " CREATE_REPLICATION_SLOT TEMPORARY LOGICAL, Terminate", captured.get(0));
    }

    @Test
    void scramStartupAndQuery(PostgresServer server) throws IOException {
        List<CapturingTransport> captured = new ArrayList<>();
        try (PgConnection conn = Connector.connect(Live.config(server,
                "user=capture_scram password=not-a-real-secret dbname=postgres application_name=walstream-capture"
                        + " sslmode=disable"),
                capturing(captured), TransportOptions.defaults())) {
            assertEquals("1", conn.query("SELECT 1").getString(0, 0));
        }
        String text = check(server, "scram-query", "SCRAM-SHA-256 startup (client proof scrubbed), SELECT 1, Terminate",
                captured.get(0));
        assertTrue(!text.contains(hex("not-a-real-secret")), "the password must not appear in the fixture");
    }

    private static String check(PostgresServer server, String kind, String title, CapturingTransport capture)
            throws IOException {
        String name = "pg" + server.version().major() + "-" + kind;
        String text = FixtureWriter.render("PostgreSQL " + server.serverVersion() + " capture: " + title,
                capture.segments());
        WireFixture parsed = FixtureParser.parse(name, null, text, null);
        ByteArrayOutputStream serverBytes = new ByteArrayOutputStream();
        capture.segments().stream().filter(s -> s.direction() == Direction.SERVER_TO_CLIENT)
                .forEach(s -> serverBytes.writeBytes(s.bytes()));
        assertArrayEquals(serverBytes.toByteArray(), parsed.serverBytes(), "the fixture reproduces the server bytes");
        List<String> decoded = FixtureDecoding.render(parsed, Chunking.WHOLE);
        assertTrue(decoded.get(decoded.size() - 1).startsWith("End offset=" + serverBytes.size()), decoded.toString());
        assertTrue(decoded.stream().noneMatch(l -> l.startsWith("!error")), decoded.toString());
        String out = System.getProperty("walstream.fixtures.out");
        if (out != null && !out.isBlank()) {
            Path dir = Path.of(out, "captured");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".pgw"), text);
            Files.writeString(dir.resolve(name + ".expect"), "# expected decode of " + name
                    + ".pgw (see FixtureDecoding)\n" + String.join("\n", decoded) + "\n");
        }
        return text;
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static TransportProvider capturing(List<CapturingTransport> sink) {
        TransportProvider nio = new NioTransportProvider();
        return new TransportProvider() {
            @Override
            public String name() {
                return "capturing-nio";
            }

            @Override
            public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
                CapturingTransport t = new CapturingTransport(nio.connect(endpoint, options));
                sink.add(t);
                return t;
            }
        };
    }
}
