package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on every selected version: the harness's server, configuration and lifecycle. */
@PostgresTest
class PostgresServerTest {
    private static final String READY = "database system is ready to accept connections";

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .setting("logical_decoding_work_mem", "128kB")
                .setting("wal_sender_timeout", "7s")
                .role(PostgresRole.user("repl_md5", "md5-secret").withEncryption(PasswordEncryption.MD5)
                        .withReplication(true))
                .role(PostgresRole.user("app_scram", "scram-secret"))
                .build();
    }

    private final PostgresServer constructed;

    PostgresServerTest(PostgresServer server) {
        this.constructed = server;
    }

    @BeforeEach
    void serverIsInjectedEverywhereAndRunning(PostgresServer server, PostgresVersion version) {
        assertSame(constructed, server);
        assertTrue(server.isRunning());
        assertEquals(version, server.version());
    }

    @Test
    void acceptsTcpConnectionsAndSaysReady(PostgresServer server) throws IOException {
        assertEquals("127.0.0.1", server.host());
        assertEquals("postgres", server.superuser());
        assertConnectable(server);
        String log = server.logTail(80);
        assertTrue(log.contains(READY), log);
        assertTrue(log.contains("listening on IPv4 address \"127.0.0.1\", port " + server.port()), log);
    }

    @Test
    void reportsItsVersion(PostgresServer server, PostgresVersion version) {
        assertEquals(version, server.version());
        assertTrue(server.serverVersion().startsWith(version.major() + "."), server.serverVersion());
        assertTrue(version.artifactVersion().startsWith(server.serverVersion() + "."), server.serverVersion());
        assertEquals(version.major(), server.serverVersionNum() / 10000);
    }

    @Test
    void appliesSettingsAndPgHba(PostgresServer server) throws IOException {
        assertEquals("logical", server.configuredSetting("wal_level"));
        // postgres -C prints values in the setting's base unit: kB and ms.
        assertEquals("128", server.configuredSetting("logical_decoding_work_mem"));
        assertEquals("7000", server.configuredSetting("wal_sender_timeout"));
        assertEquals("10", server.configuredSetting("max_replication_slots"));
        assertEquals("10", server.configuredSetting("max_prepared_transactions"));
        String conf = Files.readString(server.dataDirectory().resolve("postgresql.conf"));
        assertTrue(conf.contains("\nlogical_decoding_work_mem = '128kB'\n"), conf);
        String hba = Files.readString(server.dataDirectory().resolve("pg_hba.conf"));
        assertTrue(hba.endsWith(String.join("\n", PostgresConfig.defaultHbaLines()) + "\n"), hba);
    }

    @Test
    void createdRolesWithStoredPasswordsAndStartsAgainOnSamePort(PostgresServer server) throws IOException {
        int port = server.port();
        server.stop();
        assertFalse(server.isRunning());
        assertThrows(IOException.class, () -> connect(server));
        String roles = server.runSingleUser(
                "SELECT rolname, rolreplication, rolcanlogin, left(rolpassword, 14) AS pw FROM pg_authid"
                        + " WHERE rolname IN ('repl_md5', 'app_scram') ORDER BY rolname;");
        List<String> rows = List.of(roles.split("----"));
        String app = rows.stream().filter(r -> r.contains("rolname = \"app_scram\"")).findFirst().orElseThrow();
        String repl = rows.stream().filter(r -> r.contains("rolname = \"repl_md5\"")).findFirst().orElseThrow();
        assertTrue(app.contains("rolreplication = \"f\"") && app.contains("rolcanlogin = \"t\""), roles);
        assertTrue(app.contains("pw = \"SCRAM-SHA-256$"), roles);
        assertTrue(repl.contains("rolreplication = \"t\"") && repl.contains("rolcanlogin = \"t\""), roles);
        assertTrue(repl.contains("pw = \"md5"), roles);

        server.start();
        assertTrue(server.isRunning());
        assertEquals(port, server.port());
        assertConnectable(server);
    }

    @Test
    void recoversAfterImmediateStop(PostgresServer server) throws IOException {
        server.stop(StopMode.IMMEDIATE);
        server.start();
        String log = server.logTail(30);
        assertTrue(log.contains("not properly shut down"), log);
        assertTrue(log.endsWith(READY) || log.contains(READY), log);
        assertConnectable(server);
    }

    @Test
    void restartKeepsPortAndLogGrows(PostgresServer server) throws IOException {
        int port = server.port();
        long readyBefore = count(server.logTail(10_000), READY);
        server.restart();
        assertEquals(port, server.port());
        assertEquals(readyBefore + 1, count(server.logTail(10_000), READY));
        assertTrue(server.logTail(3).lines().count() <= 3);
        assertConnectable(server);
    }

    @Test
    void singleUserModeNeedsTheServerStopped(PostgresServer server) {
        assertThrows(IllegalStateException.class, () -> server.runSingleUser("SELECT 1;"));
    }

    private static void assertConnectable(PostgresServer server) throws IOException {
        connect(server);
    }

    private static void connect(PostgresServer server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
            assertTrue(socket.isConnected());
        }
    }

    private static long count(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }
}
