package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.TransportException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.TlsUnavailableException;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sslmode} and {@code channel_binding} without a TLS layer ({@code TransportOption.TLS_LAYER=none}, as if
 * walstream-transport-tls were not on the class path): the modes that allow plain text connect in plain
 * text; the modes that require TLS fail before a single byte leaves the client, which a recording loopback peer
 * proves.
 */
@PostgresTest
class SslModeIT {

    /** The SSLRequest code (1234.5679) that a TLS-capable client would send first. */
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int PROTOCOL_3_0 = 196608;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void plaintextModesConnectToTheLiveServer(String transport, PostgresServer server) {
        for (String mode : List.of("disable", "allow", "prefer")) {
            try (PgConnection c = Connector.connect(Live.config(server, "user=postgres dbname=postgres sslmode=" + mode),
                    Live.transportWithoutTls(transport))) {
                assertEquals("f", c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").getString(0, 0),
                        mode);
            }
            try (PgConnection c = Connector.connect(Live.config(server,
                    "user=postgres dbname=postgres replication=database sslmode=" + mode), Live.transportWithoutTls(transport))) {
                assertEquals("postgres", new ReplicationCommands(c).identifySystem().dbName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void preferSendsTheStartupMessageNotAnSslRequest(String transport, PostgresServer server) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CountDownLatch done = new CountDownLatch(1);
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
            try {
                socket.setSoTimeout(5_000);
                InputStream in = socket.getInputStream();
                byte[] head = in.readNBytes(8);
                received.write(head);
            } finally {
                done.countDown();
            }
        })) {
            ConnectionConfig cfg = peerConfig(peer, "sslmode=prefer connect_timeout=5");
            assertThrows(TransportException.class, () -> Connector.connect(cfg, Live.transportWithoutTls(transport)).close());
            assertTrue(done.await(10, TimeUnit.SECONDS));
            peer.await(Duration.ofSeconds(10));
        }
        ByteBuffer head = ByteBuffer.wrap(received.toByteArray());
        assertEquals(8, head.remaining());
        head.getInt(); // length
        int code = head.getInt();
        assertTrue(code != SSL_REQUEST_CODE, "an SSLRequest was sent although no TLS layer is installed");
        assertEquals(PROTOCOL_3_0, code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void tlsRequiringModesFailBeforeAnythingIsSent(String transport, PostgresServer server) throws Exception {
        for (String setting : List.of("sslmode=require", "sslmode=verify-ca", "sslmode=verify-full",
                "channel_binding=require", "sslmode=disable channel_binding=require",
                "sslmode=require replication=database", "sslmode=verify-full replication=true")) {
            AtomicBoolean accepted = new AtomicBoolean();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            TlsUnavailableException e;
            ConnectionConfig cfg;
            try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
                accepted.set(true);
                socket.setSoTimeout(2_000);
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[1024];
                try {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (bytes) {
                            bytes.write(buf, 0, n);
                        }
                    }
                } catch (SocketTimeoutException ignored) {
                    // nothing more
                }
            })) {
                ConnectionConfig config = peerConfig(peer, "user=postgres dbname=postgres password=TopSecret-7 "
                        + setting);
                cfg = config;
                e = assertThrows(TlsUnavailableException.class,
                        () -> Connector.connect(config, Live.transportWithoutTls(transport)).close(), setting);
                // give a (wrongly) started connection time to arrive
                assertFalse(peer.join(Duration.ofMillis(300)), setting + ": the peer script ran");
            }
            assertFalse(accepted.get(), setting + ": the peer accepted a connection");
            synchronized (bytes) {
                assertEquals(0, bytes.size(), setting + ": bytes were sent");
            }
            assertTrue(e.getMessage().contains("walstream-transport-tls"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
            assertFalse(e.isTransient(), setting);
            AuthIT.assertNoSecrets(e, cfg, "TopSecret-7");
            String key = setting.contains("channel_binding") && !setting.contains("sslmode=require")
                    && !setting.contains("verify") ? "channel_binding=require" : setting.split(" ")[0];
            assertTrue(e.getMessage().contains(key), setting + ": " + e.getMessage());
        }
    }

    private static ConnectionConfig peerConfig(LoopbackPeer peer, String extra) {
        return ConnectionConfig.parse("host=" + peer.endpoint().host() + " port=" + peer.endpoint().port() + " "
                + extra, Live.CLEAN_ENV);
    }
}
