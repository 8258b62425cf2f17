package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.Environment;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code channel_binding=require} never downgrades: a TLS server (a scripted peer terminating real TLS with a
 * certificate the client trusts) that strips SCRAM-SHA-256-PLUS from its mechanism list, answers AuthenticationOk
 * without SASL, or asks for a cleartext or MD5 password, is refused before any password or SCRAM proof leaves the
 * client: after the StartupMessage the peer receives nothing but the end of the TLS stream.
 */
class ChannelBindingDowngradeTest {

    private static final String PASSWORD = "Never-Sent-Secret-8";
    private static final Environment ENV = Environment.of(Map.of(), "tester", Path.of("/nonexistent-home"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"strip-plus", "ok-without-sasl", "cleartext", "md5"})
    void requireRefusesEveryDowngradeBeforeSendingSecrets(String attack) throws Exception {
        AtomicInteger bytesAfterStartup = new AtomicInteger(-1);
        AtomicReference<String> startupUser = new AtomicReference<>();
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
            DataInputStream plain = new DataInputStream(socket.getInputStream());
            assertEquals(8, plain.readInt());
            assertEquals(80877103, plain.readInt());
            socket.getOutputStream().write('S');
            SSLSocket tls = (SSLSocket) TestPki.shared().serverSslContext().getSocketFactory()
                    .createSocket(socket, null, socket.getPort(), true);
            tls.setUseClientMode(false);
            tls.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(tls.getInputStream());
            byte[] startup = new byte[in.readInt() - 4];
            in.readFully(startup);
            startupUser.set(new String(startup, StandardCharsets.UTF_8));
            DataOutputStream out = new DataOutputStream(tls.getOutputStream());
            switch (attack) {
                case "strip-plus":
                    byte[] mech = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
                    out.writeByte('R');
                    out.writeInt(8 + mech.length);
                    out.writeInt(10);
                    out.write(mech);
                    break;
                case "ok-without-sasl":
                    auth(out, 0, new byte[0]);
                    break;
                case "cleartext":
                    auth(out, 3, new byte[0]);
                    break;
                default:
                    auth(out, 5, new byte[] {1, 2, 3, 4});
                    break;
            }
            out.flush();
            bytesAfterStartup.set(drain(tls.getInputStream()));
        })) {
            ConnectionConfig cfg = ConnectionConfig.parse("host=localhost hostaddr=127.0.0.1 port=" + peer.endpoint().port()
                    + " user=victim dbname=d password=" + PASSWORD + " sslmode=verify-full channel_binding=require"
                    + " connect_timeout=10 sslrootcert=" + TestPki.shared().rootCertificate(), ENV);
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Connector.connect(cfg, TransportOptions.builder().set(TransportOption.PROVIDER, "nio").build())
                            .close());
            assertTrue(e.getMessage().contains("channel_binding=require"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            peer.await(Duration.ofSeconds(10));
        }
        assertTrue(startupUser.get().contains("victim"), "the startup message went through TLS");
        assertEquals(0, bytesAfterStartup.get(), attack + ": the client sent bytes after the StartupMessage");
    }

    private static void auth(DataOutputStream out, int code, byte[] data) throws IOException {
        out.writeByte('R');
        out.writeInt(8 + data.length);
        out.writeInt(code);
        out.write(data);
    }

    /** @return how many bytes arrive before the stream ends */
    private static int drain(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the client neither sent anything nor closed within 5 s");
        } catch (IOException e) {
            // a reset after close_notify is an end too
        }
        return got.size();
    }

}
