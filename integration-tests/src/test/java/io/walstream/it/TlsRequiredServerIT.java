package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ServerErrorException;
import io.walstream.conn.Connector;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.PostgresVersions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sslmode matrix against a server that requires TLS ({@code hostssl} lines only): disable is rejected by
 * pg_hba.conf; allow is rejected in plain text and retries with TLS (libpq's "allow"); prefer and stronger encrypt.
 * Two versions, one transport each.
 */
@PostgresTest
@PostgresVersions({15, 17})
class TlsRequiredServerIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .serverTls(TlsLive.pki().serverTls())
                .hbaLines(List.of(
                        "local all all trust",
                        "hostssl all,replication all 127.0.0.1/32 trust",
                        "hostnossl all,replication all 127.0.0.1/32 reject"))
                .build();
    }

    @Test
    void onlyTlsSessionsAreAccepted(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres " + TlsLive.root() + " sslmode=";
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> Connector.connect(Live.config(server, base + "disable"), Live.transport(t)).close());
        assertEquals("28000", e.sqlState(), e.getMessage());
        for (String mode : List.of("allow", "prefer", "require", "verify-ca", "verify-full")) {
            assertTrue(TlsLive.sessionEncryption(server, t, base + mode).startsWith("TLSv1."), mode);
        }
    }
}
