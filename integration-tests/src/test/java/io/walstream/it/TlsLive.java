package io.walstream.it;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.TestPki;

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
}
