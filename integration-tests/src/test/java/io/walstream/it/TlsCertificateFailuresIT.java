package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.Connector;
import io.walstream.conn.TlsNegotiationException;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.PostgresVersions;
import io.walstream.testkit.postgres.TestPki.ServerCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server certificates that verify-ca / verify-full must refuse, each with a message naming the certificate and the
 * reason: expired, not yet valid, sent without its intermediate; and a TLS 1.3-only server that a client capped at
 * TLS 1.2 cannot reach. The server's certificate is swapped with a restart; one version keeps the cost down.
 */
@PostgresTest
@PostgresVersions({16})
class TlsCertificateFailuresIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .serverTls(TlsLive.pki().serverTls())
                .setting("ssl_min_protocol_version", "TLSv1.3")
                .hbaLines(List.of("local all all trust", "host all all 127.0.0.1/32 trust"))
                .build();
    }

    private static final String VERIFY = "user=postgres dbname=postgres sslmode=verify-full ";

    @Test
    void badServerCertificatesAreRefusedWithTheReason(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        try {
            TlsLive.pki().serverTls(ServerCertificate.EXPIRED).replace(server);
            assertRefused(server, t, "expired on");
            TlsLive.pki().serverTls(ServerCertificate.NOT_YET_VALID).replace(server);
            assertRefused(server, t, "is not valid before");
            TlsLive.pki().serverTls(ServerCertificate.LEAF_ONLY).replace(server);
            assertRefused(server, t, "issued by \"CN=walstream test intermediate CA\", which is neither in the chain");
            TlsLive.pki().serverTls(ServerCertificate.WILDCARD).replace(server);
            String e = assertRefused(server, t, "does not match host name \"127.0.0.1\"");
            assertTrue(e.contains("DNS:*.pg.example"), e);
        } finally {
            TlsLive.pki().serverTls().replace(server);
        }
        assertEquals("TLSv1.3", TlsLive.sessionEncryption(server, t, VERIFY + TlsLive.root()));
    }

    @Test
    void tlsThirteenOnlyServerRefusesAClientCappedAtTwelve(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, VERIFY + TlsLive.root() + " ssl_max_protocol_version=TLSv1.2"),
                Live.transport(t)).close());
        assertTrue(e.getMessage().contains("protocol_version") && e.getMessage().contains("ssl_max_protocol_version"),
                e.getMessage());
    }

    private static String assertRefused(PostgresServer server, String t, String reason) {
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, VERIFY + TlsLive.root()), Live.transport(t)).close(), reason);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("CN=localhost") || e.getMessage().contains("CN=ignored.example"),
                e.getMessage());
        return e.getMessage();
    }
}
