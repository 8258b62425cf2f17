package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.AuthenticationException;
import io.walstream.ServerErrorException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.testkit.postgres.PasswordEncryption;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Authentication against a real server: trust, cleartext {@code password}, {@code md5} and {@code scram-sha-256},
 * each for a normal, a {@code replication=database} and a {@code replication=true} connection; wrong and
 * missing passwords, unknown users, a role without REPLICATION, SASLprep'd passwords and {@code .pgpass}.
 * Every failure is also checked for leaked passwords.
 */
@PostgresTest
class AuthIT {

    static final String PW_PASSWORD = "Cleartext-Secret-1";
    static final String PW_MD5 = "Md5-Secret-2";
    static final String PW_SCRAM = "Scram-Secret-3";
    static final String PW_NOREPL = "NoRepl-Secret-4";
    /** Quote, backslash, space, non-ASCII letter and a symbol: exercises escaping and the SASLprep path. */
    static final String PW_UNICODE = "pä ss'w\\ord☃";
    /**
     * Stored with a soft hyphen (SASLprep maps it to nothing) and a no-break space (mapped to a space); the
     * client logs in with the prepared form, which only works if both sides apply SASLprep (RFC 4013 §3).
     */
    static final String PW_SASLPREP_STORED = "I\u00ADX\u00A0sasl-Secret-5";
    static final String PW_SASLPREP_PREPARED = "IX sasl-Secret-5";
    static final String WRONG = "Wrong-Guess-9";

    static PostgresConfig postgresConfig() {
        List<String> hba = new ArrayList<>(List.of(
                "local all all trust",
                "host all,replication postgres 127.0.0.1/32 trust"));
        // "all" matches normal and replication=database connections (they name a real database);
        // "replication" matches only replication=true (physical) connections.
        hba.add(line("u_trust", "trust"));
        hba.add(line("u_password", "password"));
        hba.add(line("u_md5", "md5"));
        hba.add(line("u_scram", "scram-sha-256"));
        hba.add(line("u_norepl", "scram-sha-256"));
        hba.add(line("u_unicode", "scram-sha-256"));
        hba.add(line("u_saslprep", "scram-sha-256"));
        // roles that do not exist, one per method
        hba.add(line("ghost_trust", "trust"));
        hba.add(line("ghost_password", "password"));
        hba.add(line("ghost_md5", "md5"));
        hba.add(line("ghost_scram", "scram-sha-256"));
        return PostgresConfig.builder()
                .role(PostgresRole.user("u_trust", null).withReplication(true))
                .role(PostgresRole.user("u_password", PW_PASSWORD).withReplication(true))
                .role(PostgresRole.user("u_md5", PW_MD5).withEncryption(PasswordEncryption.MD5).withReplication(true))
                .role(PostgresRole.user("u_scram", PW_SCRAM).withReplication(true))
                .role(PostgresRole.user("u_norepl", PW_NOREPL))
                .role(PostgresRole.user("u_unicode", PW_UNICODE).withReplication(true))
                .role(PostgresRole.user("u_saslprep", PW_SASLPREP_STORED).withReplication(true))
                .hbaLines(hba)
                .build();
    }

    private static String line(String user, String method) {
        return "host all,replication " + user + " 127.0.0.1/32 " + method;
    }

    @TempDir
    Path tmp;

    // --- each method, each connection kind -------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void trustConnectsInEveryMode(String transport, PostgresServer server) {
        assertConnectsInEveryMode(transport, server, "u_trust", null, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void cleartextPasswordConnectsInEveryMode(String transport, PostgresServer server) {
        assertConnectsInEveryMode(transport, server, "u_password", PW_PASSWORD, "password");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void md5ConnectsInEveryMode(String transport, PostgresServer server) {
        assertConnectsInEveryMode(transport, server, "u_md5", PW_MD5, "md5");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void scramConnectsInEveryMode(String transport, PostgresServer server) {
        assertConnectsInEveryMode(transport, server, "u_scram", PW_SCRAM, "scram-sha-256");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void unicodeAndSpecialCharacterPasswordWithScram(String transport, PostgresServer server) {
        assertConnectsInEveryMode(transport, server, "u_unicode", PW_UNICODE, "scram-sha-256");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void scramPasswordIsSaslPrepped(String transport, PostgresServer server) {
        // the server stored SASLprep(stored) = prepared; the client sends SASLprep(given)
        assertConnectsInEveryMode(transport, server, "u_saslprep", PW_SASLPREP_PREPARED, "scram-sha-256");
        assertConnectsInEveryMode(transport, server, "u_saslprep", PW_SASLPREP_STORED, "scram-sha-256");
        ConnectionConfig almost = Live.config(server,
                "user=u_saslprep dbname=postgres password=" + kv("IXsasl-Secret-5"));
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> Connector.connect(almost, Live.transport(transport)).close());
        assertEquals("28P01", e.sqlState());
    }

    private static void assertConnectsInEveryMode(String transport, PostgresServer server, String user,
                                                  String password, String expectedMethod) {
        String auth = "user=" + user + (password == null ? "" : " password=" + kv(password));
        try (PgConnection c = Live.connect(server, transport, auth + " dbname=postgres")) {
            assertEquals(user, c.query("SELECT current_user").getString(0, 0));
            if (c.serverVersion().atLeast(16)) {
                // SYSTEM_USER is "method:identity" for every method but trust, where it is NULL
                String systemUser = c.query("SELECT SYSTEM_USER").getString(0, 0);
                assertEquals(expectedMethod == null ? null : expectedMethod + ":" + user, systemUser);
            }
        }
        try (PgConnection c = Live.connect(server, transport, auth + " dbname=postgres replication=database")) {
            SystemIdentity id = new ReplicationCommands(c).identifySystem();
            assertEquals("postgres", id.dbName());
            assertTrue(id.timeline() >= 1);
            assertFalse(id.systemId().isEmpty());
        }
        try (PgConnection c = Live.connect(server, transport, auth + " dbname=postgres replication=true")) {
            SystemIdentity id = new ReplicationCommands(c).identifySystem();
            assertNull(id.dbName());
            assertTrue(id.timeline() >= 1);
        }
    }

    // --- wrong password, unknown user, missing password ------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void wrongPasswordIsRejectedWith28P01(String transport, PostgresServer server) {
        for (String[] u : new String[][] {{"u_password", PW_PASSWORD}, {"u_md5", PW_MD5}, {"u_scram", PW_SCRAM},
                {"u_unicode", PW_UNICODE}}) {
            for (String mode : List.of("", " replication=database", " replication=true")) {
                ConnectionConfig cfg = Live.config(server,
                        "user=" + u[0] + " dbname=postgres password=" + kv(WRONG) + mode);
                ServerErrorException e = assertThrows(ServerErrorException.class,
                        () -> Connector.connect(cfg, Live.transport(transport)).close(), u[0] + mode);
                assertEquals("28P01", e.sqlState(), u[0] + mode + ": " + e.getMessage());
                assertFalse(e.isTransient(), u[0] + mode);
                assertTrue(e.getMessage().contains(u[0]), e.getMessage());
                assertNoSecrets(e, cfg, WRONG, u[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void unknownUserIsRejectedAsTheServerDecides(String transport, PostgresServer server) {
        // trust: the role lookup fails openly (28000 "role ... does not exist"). password, md5 and scram
        // pretend the role exists and fail as for a wrong password (28P01); md5 even runs a mock SCRAM
        // exchange, since password_encryption is scram-sha-256.
        String[][] cases = {{"ghost_trust", "28000"}, {"ghost_password", "28P01"}, {"ghost_md5", "28P01"},
                {"ghost_scram", "28P01"}};
        for (String[] c : cases) {
            for (String mode : List.of("", " replication=database", " replication=true")) {
                ConnectionConfig cfg = Live.config(server,
                        "user=" + c[0] + " dbname=postgres password=" + kv(WRONG) + mode);
                ServerErrorException e = assertThrows(ServerErrorException.class,
                        () -> Connector.connect(cfg, Live.transport(transport)).close(), c[0] + mode);
                assertEquals(c[1], e.sqlState(), c[0] + mode + ": " + e.getMessage());
                assertFalse(e.isTransient());
                assertNoSecrets(e, cfg, WRONG);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void missingPasswordFailsOnTheClient(String transport, PostgresServer server) {
        for (String[] u : new String[][] {{"u_password", "password", PW_PASSWORD}, {"u_md5", "md5", PW_MD5},
                {"u_scram", "SASL SCRAM-SHA-256", PW_SCRAM}}) {
            for (String mode : List.of("", " replication=database", " replication=true")) {
                ConnectionConfig cfg = Live.config(server, "user=" + u[0] + " dbname=postgres" + mode);
                AuthenticationException e = assertThrows(AuthenticationException.class,
                        () -> Connector.connect(cfg, Live.transport(transport)).close(), u[0] + mode);
                assertTrue(e.getMessage().contains("no password was supplied"), e.getMessage());
                assertTrue(e.getMessage().contains("requested " + u[1] + " authentication"), e.getMessage());
                assertFalse(e.isTransient());
                assertNoSecrets(e, cfg, u[2]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void roleWithoutReplicationCannotOpenReplicationConnections(String transport, PostgresServer server) {
        // The same role logs in normally ...
        try (PgConnection c = Live.connect(server, transport,
                "user=u_norepl dbname=postgres password=" + kv(PW_NOREPL))) {
            assertEquals("u_norepl", c.query("SELECT current_user").getString(0, 0));
        }
        // ... but not as a WAL sender, logical or physical.
        for (String mode : List.of("replication=database", "replication=true")) {
            ConnectionConfig cfg = Live.config(server,
                    "user=u_norepl dbname=postgres password=" + kv(PW_NOREPL) + " " + mode);
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> Connector.connect(cfg, Live.transport(transport)).close(), mode);
            // Observed on 14-18: always FATAL 42501 insufficient_privilege (never 28000). 14/15 say "must be
            // superuser or replication role to start walsender" with no detail; 16+ say "permission denied to
            // start WAL sender" and name the attribute only in the detail.
            assertEquals("42501", e.sqlState(), e.getMessage());
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("u_norepl"), e.getMessage());
            if (server.version().major() >= 16) {
                assertTrue(e.getMessage().contains("permission denied to start WAL sender"), e.getMessage());
                assertEquals("Only roles with the REPLICATION attribute may start a WAL sender process.",
                        e.error().detail());
            } else {
                assertTrue(e.getMessage().contains("must be superuser or replication role to start walsender"),
                        e.getMessage());
            }
            assertNoSecrets(e, cfg, PW_NOREPL);
        }
    }

    // --- .pgpass -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void passwordFromPassfile(String transport, PostgresServer server) throws IOException {
        Path passfile = passfile("0600", server,
                "# comment line\n"
                        + server.host() + ":" + server.port() + ":postgres:u_password:" + pgpassEscape(PW_PASSWORD) + "\n"
                        + server.host() + ":" + server.port() + ":*:u_scram:" + pgpassEscape(PW_SCRAM) + "\n"
                        + "*:*:*:u_unicode:" + pgpassEscape(PW_UNICODE) + "\n"
                        + "*:*:*:u_md5:" + pgpassEscape(PW_MD5) + "\n");
        String pf = " passfile=" + kv(passfile.toString());
        for (String user : List.of("u_scram", "u_unicode", "u_md5")) {
            for (String mode : List.of("", " replication=database", " replication=true")) {
                try (PgConnection c = Live.connect(server, transport, "user=" + user + " dbname=postgres" + pf + mode)) {
                    if (mode.isEmpty()) {
                        assertEquals(user, c.query("SELECT current_user").getString(0, 0));
                    } else {
                        assertNotNull(new ReplicationCommands(c).identifySystem().systemId());
                    }
                }
            }
        }
        try (PgConnection c = Live.connect(server, transport, "user=u_password dbname=postgres" + pf)) {
            assertEquals("u_password", c.query("SELECT current_user").getString(0, 0));
        }
        // An explicit password wins over the file.
        ConnectionConfig explicit = Live.config(server,
                "user=u_scram dbname=postgres password=" + kv(WRONG) + pf);
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> Connector.connect(explicit, Live.transport(transport)).close());
        assertEquals("28P01", e.sqlState());
        assertNoSecrets(e, explicit, WRONG, PW_SCRAM);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void passfileWithGroupOrWorldAccessIsIgnored(String transport, PostgresServer server) throws IOException {
        Path passfile = passfile("0644", server, "*:*:*:u_scram:" + pgpassEscape(PW_SCRAM) + "\n");
        ConnectionConfig cfg = Live.config(server, "user=u_scram dbname=postgres passfile=" + kv(passfile.toString()));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> Connector.connect(cfg, Live.transport(transport)).close());
        assertTrue(e.getMessage().contains("no password was supplied"), e.getMessage());
        assertNoSecrets(e, cfg, PW_SCRAM);
        // the same content at 0600 is used
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-------"));
        Connector.connect(cfg, Live.transport(transport)).close();
    }

    private Path passfile(String mode, PostgresServer server, String content) throws IOException {
        Path file = Files.createTempFile(tmp, "pgpass-" + server.version().major() + "-", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                mode.equals("0600") ? "rw-------" : "rw-r--r--"));
        return file;
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** Quotes a value for the keyword/value connection string form. */
    static String kv(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Escapes a .pgpass field. */
    static String pgpassEscape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Neither the configuration's toString() nor any message in the cause/suppressed tree holds a secret. */
    static void assertNoSecrets(Throwable failure, ConnectionConfig config, String... secrets) {
        List<String> texts = new ArrayList<>();
        texts.add(config.toString());
        texts.add(config.toConnectionString());
        collect(failure, texts, new IdentityHashMap<>());
        for (String text : texts) {
            for (String secret : secrets) {
                if (text != null && text.contains(secret)) {
                    fail("A secret leaked into: " + text.replace(secret, "<SECRET>"));
                }
            }
        }
    }

    private static void collect(Throwable t, List<String> out, IdentityHashMap<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return;
        }
        out.add(t.getMessage());
        out.add(t.toString());
        out.add(t.getLocalizedMessage());
        if (t instanceof ServerErrorException s && s.error() != null) {
            out.addAll(s.error().fields().values());
        }
        collect(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
    }
}
