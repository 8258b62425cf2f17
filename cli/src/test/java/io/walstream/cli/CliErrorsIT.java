package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on failures: a bad connection string, a refused connection, a wrong password, a missing slot,
 * a missing publication and a role without REPLICATION (whose refusal reads differently on 14 and 18) each give
 * their exit code and one line on stderr, without the password. On 14 and 18 only (a missing publication fails at
 * the first change up to 17 and only warns on 18; the command checks first).
 */
@PostgresTest
@PostgresVersions({14, 18})
class CliErrorsIT {
    private static final String PASSWORD = "Cli-Secret-42";

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .hbaLines(List.of("local all all trust",
                        "host all cli_pw 127.0.0.1/32 scram-sha-256",
                        "host replication cli_pw 127.0.0.1/32 scram-sha-256",
                        "host all all 127.0.0.1/32 trust",
                        "host replication all 127.0.0.1/32 trust"))
                .role(PostgresRole.user("cli_pw", PASSWORD).withReplication(true))
                .role(PostgresRole.user("cli_norep", null))
                .build();
    }

    @Test
    void failuresGiveTheirExitCodeAndOneLine(PostgresServer server) throws Exception {
        try (PgConnection sql = LiveSql.sql(server)) {
            sql.queryAll("CREATE TABLE cli_err_t (id int PRIMARY KEY); CREATE PUBLICATION cli_err_pub FOR TABLE cli_err_t");
            sql.query("SELECT pg_create_logical_replication_slot('cli_err', 'pgoutput')");
        }
        String host = "host=" + server.host() + " port=" + server.port() + " dbname=postgres ";
        expectFailure(2, "invalid connection string", "stream", "-d", "host=127.0.0.1 port=notaport", "-S", "x",
                "-P", "y");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        expectFailure(3, "127.0.0.1", "stream", "-d", "host=127.0.0.1 port=" + closedPort + " user=postgres",
                "-S", "x", "-P", "y");
        String err = expectFailure(3, "28P01", "stream", "-d",
                "postgresql://cli_pw:Wrong-" + PASSWORD + "@127.0.0.1:" + server.port() + "/postgres", "-S", "cli_err",
                "-P", "cli_err_pub");
        assertFalse(err.contains(PASSWORD), "no password in: " + err);
        expectFailure(0, "", "identify", "-d", "postgresql://cli_pw:" + PASSWORD + "@127.0.0.1:" + server.port()
                + "/postgres");
        expectFailure(4, "cli_missing_slot", "stream", "-d", host + "user=postgres", "-S", "cli_missing_slot", "-P",
                "cli_err_pub");
        expectFailure(4, "cli_missing_pub", "stream", "-d", host + "user=postgres", "-S", "cli_err", "-P",
                "cli_err_pub", "-P", "cli_missing_pub");
        expectFailure(3, "42501", "identify", "-d", host + "user=cli_norep");
        expectFailure(3, "hint: the role needs the REPLICATION attribute", "stream", "-d", host + "user=cli_norep",
                "-S", "cli_err", "-P", "cli_err_pub");
        expectFailure(4, "cli_missing_slot", "slot", "drop", "cli_missing_slot", "-d", host + "user=postgres");
    }

    /** Runs the command; checks the exit code and that stderr is one line holding {@code text}. */
    private static String expectFailure(int exitCode, String text, String... args) throws Exception {
        CliProcess p = CliProcess.run(60, args);
        String err = p.stderr().strip();
        assertEquals(exitCode, p.exitCode(), String.join(" ", args) + "\nstderr: " + err);
        if (exitCode != 0) {
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertTrue(err.contains(text), "mentions " + text + ": " + err);
            assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
        }
        return err;
    }
}
