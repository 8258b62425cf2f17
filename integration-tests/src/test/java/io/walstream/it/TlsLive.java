package io.walstream.it;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.TestPki;
import java.util.List;

/** Helpers for the TLS live tests: the shared test PKI and what {@code pg_stat_ssl} says about a session. */
final class TlsLive {

    private TlsLive() {
    }

    static TestPki pki() {
        return TestPki.shared();
    }

    /** {@code sslrootcert=<the test root>}. */
    static String root() {
        return "sslrootcert=" + pki().rootCertificate();
    }

    /** One transport per version, so both are covered without doubling the run time. */
    static String transport(PostgresVersion version) {
        return LiveStreams.alternatingTransport(version);
    }

    /**
     * Connects with {@code extra}, then reports from a second (superuser) connection what {@code pg_stat_ssl} says
     * about the first: {@code "plain"} or the TLS version, e.g. {@code "TLSv1.3"}.
     */
    static String sessionEncryption(PostgresServer server, String transport, String extra) {
        try (PgConnection c = Connector.connect(Live.config(server, extra), Live.transport(transport))) {
            return encryptionOf(server, transport, c);
        }
    }

    static String encryptionOf(PostgresServer server, String transport, PgConnection c) {
        String pid = c.query("SELECT pg_backend_pid()").getString(0, 0);
        try (PgConnection admin = Live.connect(server, transport, "user=postgres dbname=postgres")) {
            return admin.query("SELECT CASE WHEN ssl THEN version ELSE 'plain' END FROM pg_stat_ssl WHERE pid = "
                    + pid).getString(0, 0);
        }
    }

    static ConnectionConfig config(PostgresServer server, String extra) {
        return Live.config(server, extra);
    }

    /**
     * Whether the shared streaming scenarios (slow consumer, reconnect chaos) run over TLS on {@code version}: on 16
     * (nio) and 17 (netty), so each transport streams over TLS once, while 14, 15 and 18 keep them in plain text —
     * the TLS runs replace plain runs instead of adding to the suite's time.
     */
    static boolean streamsOverTls(PostgresVersion version) {
        return version.major() == 16 || version.major() == 17;
    }

    /**
     * {@code base} on a server that accepts TCP connections only over TLS ({@code hostssl}, {@code hostnossl}
     * rejected), with the shared test PKI's server certificate — when {@link #streamsOverTls} holds; else
     * {@code base} unchanged.
     */
    static PostgresConfig tlsOnlyIfStreamingOverTls(PostgresConfig base, PostgresVersion version) {
        if (!streamsOverTls(version)) {
            return base;
        }
        return base.toBuilder()
                .serverTls(pki().serverTls())
                .hbaLines(List.of(
                        "local all all trust",
                        "hostssl all,replication all 127.0.0.1/32 trust",
                        "hostnossl all,replication all 127.0.0.1/32 reject"))
                .build();
    }

    /**
     * The connection-string keys of a streaming scenario's replication connection: {@code sslmode=verify-full}
     * with the test root when {@link #streamsOverTls} holds, else nothing (the harness's plain server).
     */
    static String streamingSsl(PostgresVersion version) {
        return streamsOverTls(version) ? "sslmode=verify-full " + root() : "";
    }

    /**
     * Asserts that every walsender in {@code pids} runs over TLS exactly when {@link #streamsOverTls} holds for
     * the server's version ({@code pg_stat_ssl}, read from {@code sql}).
     */
    static void assertWalsendersEncryptedAsExpected(PostgresServer server, PgConnection sql, Iterable<String> pids) {
        String expected = streamsOverTls(server.version()) ? "t" : "f";
        for (String pid : pids) {
            String ssl = sql.query("SELECT ssl FROM pg_stat_ssl WHERE pid = " + pid).getString(0, 0);
            if (!expected.equals(ssl)) {
                throw new AssertionError("walsender " + pid + " on PG " + server.version().major()
                        + ": pg_stat_ssl.ssl=" + ssl + ", expected " + expected);
            }
        }
    }
}
