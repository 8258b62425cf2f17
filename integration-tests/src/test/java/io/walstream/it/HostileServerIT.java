package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import io.walstream.FrameTooLargeException;
import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.wire.LoopbackPeer;
import io.walstream.testkit.wire.PeerScript;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Startup against scripted servers that misbehave in ways a real PostgreSQL cannot be made to: each must end in a
 * clear typed error, quickly, without leaking the password.
 */
class HostileServerIT {

    private static final String PASSWORD = "hunter2-secret";

    @Test
    void negotiateProtocolVersionIsAccepted() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            readStartup(s);
            send(s, 'v', ByteBuffer.allocate(8 + 16).putInt(0).putInt(1).put(cstring("_pq_.unknown")).array());
            send(s, 'R', ByteBuffer.allocate(4).putInt(0).array());
            send(s, 'S', concat(cstring("server_version"), cstring("16.4")));
            send(s, 'Z', new byte[] {'I'});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            assertEquals(16, conn.serverVersion().major());
        }
    }

    @Test
    void hostileScramIterationCountIsRefusedBeforeHashing() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            send(s, 'R', concat(ByteBuffer.allocate(4).putInt(10).array(), cstring("SCRAM-SHA-256"), new byte[] {0}));
            String clientFirst = readSaslInitial(s);
            String nonce = clientFirst.substring(clientFirst.indexOf("r=") + 2);
            String serverFirst = "r=" + nonce + "server,s=c2FsdHNhbHQ=,i=1000000000";
            send(s, 'R', concat(ByteBuffer.allocate(4).putInt(11).array(), serverFirst.getBytes(StandardCharsets.US_ASCII)));
            drain(s);
        });
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("1000000000"), e.getMessage());
    }

    @Test
    void authenticationOkWithoutServerSignatureIsRefused() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            send(s, 'R', concat(ByteBuffer.allocate(4).putInt(10).array(), cstring("SCRAM-SHA-256"), new byte[] {0}));
            readSaslInitial(s);
            send(s, 'R', ByteBuffer.allocate(4).putInt(0).array()); // "OK" without SASLContinue/SASLFinal
            drain(s);
        });
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("server signature"), e.getMessage());
    }

    @Test
    void gssapiRequestNamesTheMethod() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            send(s, 'R', ByteBuffer.allocate(4).putInt(7).array());
            drain(s);
        });
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("GSSAPI"), e.getMessage());
    }

    @Test
    void fatalErrorDuringStartupCarriesSqlStateAndNoSecret() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            send(s, 'R', ByteBuffer.allocate(4).putInt(3).array()); // cleartext password
            readFrame(s);                                               // the password message
            send(s, 'E', concat(cstring("SFATAL"), cstring("VFATAL"), cstring("C28P01"),
                    cstring("Mpassword authentication failed for user \"u\""), new byte[] {0}));
            drain(s);
        });
        assertTrue(e instanceof ServerErrorException, e.toString());
        assertEquals("28P01", ((ServerErrorException) e).sqlState());
        assertFalse(((ServerErrorException) e).isTransient());
    }

    @Test
    void hostileFrameLengthDuringStartupIsRefusedFromTheHeader() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            s.getOutputStream().write(new byte[] {'R', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            s.getOutputStream().flush();
            drain(s);
        });
        assertTrue(e instanceof FrameTooLargeException, e.toString());
        assertEquals(0, ((FrameTooLargeException) e).offset());
    }

    @Test
    void connectionDroppedInsideAFrameIsTransient() throws Exception {
        WalstreamException e = failWith(s -> {
            readStartup(s);
            s.getOutputStream().write(new byte[] {'R', 0, 0, 0, 12, 0, 0});
            s.getOutputStream().flush();
            s.close();
        });
        assertTrue(e.isTransient(), e.toString());
    }

    private static WalstreamException failWith(PeerScript script) throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(script)) {
            long start = System.nanoTime();
            WalstreamException e = assertThrows(WalstreamException.class, () -> Connector.connect(config(peer)).close());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the failure took too long");
            assertFalse(String.valueOf(e.getMessage()).contains(PASSWORD), "the password leaked: " + e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains(PASSWORD), "the password leaked in a cause");
            }
            return e;
        }
    }

    private static ConnectionConfig config(LoopbackPeer peer) {
        return ConnectionConfig.parse("host=" + peer.endpoint().host() + " port=" + peer.endpoint().port()
                + " user=u dbname=d password=" + PASSWORD + " connect_timeout=10 sslmode=disable", Live.CLEAN_ENV);
    }

    private static void readStartup(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int len = in.readInt();
        in.readFully(new byte[len - 4]);
    }

    private static byte[] readFrame(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        in.readUnsignedByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return body;
    }

    private static String readSaslInitial(Socket s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(readFrame(s));
        while (b.get() != 0) {
            // mechanism name
        }
        byte[] data = new byte[b.getInt()];
        b.get(data);
        return new String(data, StandardCharsets.US_ASCII);
    }

    private static void send(Socket s, char tag, byte[] body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array());
        out.flush();
    }

    private static void drain(Socket s) {
        try {
            while (s.getInputStream().read() >= 0) {
                // until the client goes away
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private static byte[] cstring(String s) {
        return concat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
