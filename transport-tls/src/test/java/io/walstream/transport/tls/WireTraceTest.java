package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.Environment;
import io.walstream.conn.PgConnection;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * With {@code io.walstream.wire} at DEBUG, one TLS connection logs exactly one handshake line naming protocol,
 * cipher suite, peer subject and ALPN, and nothing that looks like key material.
 */
class WireTraceTest {

    @Test
    void oneLinePerHandshakeWithoutKeyMaterial() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
            DataInputStream plain = new DataInputStream(socket.getInputStream());
            plain.readInt();
            plain.readInt();
            socket.getOutputStream().write('S');
            SSLSocket tls = (SSLSocket) TestPki.shared().serverSslContext().getSocketFactory()
                    .createSocket(socket, null, socket.getPort(), true);
            tls.setUseClientMode(false);
            DataInputStream in = new DataInputStream(tls.getInputStream());
            in.readFully(new byte[in.readInt() - 4]);
            DataOutputStream out = new DataOutputStream(tls.getOutputStream());
            out.writeByte('R');
            out.writeInt(8);
            out.writeInt(0);
            out.writeByte('K');
            out.writeInt(12);
            out.writeInt(42);
            out.writeInt(7);
            out.writeByte('Z');
            out.writeInt(5);
            out.writeByte('I');
            out.flush();
            while (in.read() >= 0) {
                // until the client terminates
            }
        })) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ConnectionConfig cfg = ConnectionConfig.parse("host=localhost hostaddr=127.0.0.1 port=" + peer.endpoint().port()
                    + " user=u dbname=d sslmode=verify-full sslrootcert=" + TestPki.shared().rootCertificate(),
                    Environment.of(Map.of(), "tester", Path.of("/nonexistent-home")));
            try (PgConnection c = Connector.connect(cfg, TransportOptions.builder()
                    .set(TransportOption.PROVIDER, "nio").build())) {
                assertEquals("127.0.0.1:" + peer.endpoint().port(), c.endpoint().toString());
            }
            peer.await(Duration.ofSeconds(10));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> l.contains("== TLS ")).collect(Collectors.toList());
        assertEquals(1, lines.size(), log);
        String line = lines.get(0);
        assertTrue(line.matches(".*== TLS TLSv1\\.[23] TLS_[A-Z0-9_]+, peer \"CN=localhost\", ALPN \\S+ \\(bouncycastle/.*"),
                line);
        assertFalse(log.matches("(?s).*[0-9a-fA-F]{32}.*"), "something like key material was logged: " + log);
    }
}
