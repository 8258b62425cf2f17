package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import io.walstream.conn.Connector;
import io.walstream.conn.TlsNegotiationException;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.PostgresVersions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sslmode matrix against a server with TLS off ({@code ssl=off}, it answers {@code N}): disable, allow and
 * prefer connect in plain text; require, verify-ca and verify-full fail with a message saying the server does not
 * support SSL, and nothing but the SSLRequest was sent. Two versions, one transport each.
 */
@PostgresTest
@PostgresVersions({14, 18})
class TlsOffServerIT {

    @Test
    void plainModesConnectAndTlsModesFail(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres " + TlsLive.root() + " password=Not-Sent-1 sslmode=";
        for (String mode : List.of("disable", "allow", "prefer")) {
            assertEquals("plain", TlsLive.sessionEncryption(server, t, base + mode), mode);
        }
        for (String mode : List.of("require", "verify-ca", "verify-full")) {
            TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                    () -> Connector.connect(Live.config(server, base + mode), Live.transport(t)).close(), mode);
            assertTrue(e.getMessage().contains("does not support SSL, but sslmode=" + mode + " requires it"),
                    e.getMessage());
            assertFalse(e.isTransient());
            assertFalse(e.getMessage().contains("Not-Sent-1"));
        }
        // prefer falls back to plain text; channel_binding=require then refuses the trust login
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> Connector.connect(
                Live.config(server, base + "prefer channel_binding=require"), Live.transport(t)).close());
        assertTrue(e.getMessage().contains("channel_binding=require"), e.getMessage());
    }
}
