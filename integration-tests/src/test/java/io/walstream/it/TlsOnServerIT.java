package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.TlsNegotiationException;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server with {@code ssl=on} that accepts both plain and TLS connections ({@code hostssl} and {@code hostnossl}
 * lines): every {@code sslmode} against it with the outcome {@code pg_stat_ssl} reports (libpq's table: disable and
 * allow stay plain, prefer and stronger encrypt), certificate verification with libpq's host rules, and
 * SCRAM-SHA-256-PLUS. One transport per version.
 */
@PostgresTest
class TlsOnServerIT {

    static final String PW = "Tls-Scram-Secret-1";

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .serverTls(TlsLive.pki().serverTls())
                .role(PostgresRole.user("u_scram", PW).withReplication(true))
                .hbaLines(List.of(
                        "local all all trust",
                        "hostssl all,replication postgres 127.0.0.1/32 trust",
                        "hostnossl all,replication postgres 127.0.0.1/32 trust",
                        "host all,replication u_scram 127.0.0.1/32 scram-sha-256"))
                .build();
    }

    @Test
    void everySslModeGetsLibpqsOutcome(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres " + TlsLive.root() + " sslmode=";
        assertEquals("plain", TlsLive.sessionEncryption(server, t, base + "disable"));
        assertEquals("plain", TlsLive.sessionEncryption(server, t, base + "allow"));
        for (String mode : List.of("prefer", "require", "verify-ca", "verify-full")) {
            assertTrue(TlsLive.sessionEncryption(server, t, base + mode).startsWith("TLSv1."), mode);
        }
    }

    @Test
    void replicationConnectionsRunOverTls(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        try (PgConnection c = Connector.connect(Live.config(server, "user=postgres dbname=postgres replication=database"
                + " sslmode=verify-full " + TlsLive.root()), Live.transport(t))) {
            assertEquals("postgres", new ReplicationCommands(c).identifySystem().dbName());
        }
    }

    @Test
    void verifyFullChecksHostNotHostaddr(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        // the certificate names localhost and 127.0.0.1; hostaddr=127.0.0.1 does not change the name checked
        ConnectionConfig wrong = ConnectionConfig.parse("host=db.wrong.example hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-full " + TlsLive.root(), Live.CLEAN_ENV);
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                () -> Connector.connect(wrong, Live.transport(t)).close());
        assertTrue(e.getMessage().contains("does not match host name \"db.wrong.example\""), e.getMessage());
        assertTrue(e.getMessage().contains("DNS:localhost") && e.getMessage().contains("IP:127.0.0.1"), e.getMessage());
        ConnectionConfig byName = ConnectionConfig.parse("host=localhost hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-full " + TlsLive.root(), Live.CLEAN_ENV);
        try (PgConnection c = Connector.connect(byName, Live.transport(t))) {
            assertTrue(TlsLive.encryptionOf(server, t, c).startsWith("TLSv1."));
        }
        // verify-ca does not look at the name
        ConnectionConfig ca = ConnectionConfig.parse("host=db.wrong.example hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-ca " + TlsLive.root(), Live.CLEAN_ENV);
        Connector.connect(ca, Live.transport(t)).close();
    }

    @Test
    void channelBindingRequireAuthenticatesWithScramPlus(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        try (PgConnection c = Connector.connect(Live.config(server, "user=u_scram dbname=postgres password=" + PW
                + " sslmode=require channel_binding=require"), Live.transport(t))) {
            assertTrue(TlsLive.encryptionOf(server, t, c).startsWith("TLSv1."));
        }
        try (PgConnection c = Connector.connect(Live.config(server, "user=u_scram dbname=postgres password=" + PW
                + " sslmode=verify-full replication=database channel_binding=require " + TlsLive.root()),
                Live.transport(t))) {
            assertEquals("postgres", new ReplicationCommands(c).identifySystem().dbName());
        }
    }
}
