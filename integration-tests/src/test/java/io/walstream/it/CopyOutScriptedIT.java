package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.codec.Frame;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.CopyOut;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The COPY OUT sub-protocol against a scripted server (no PostgreSQL needed): rows, the row count, errors before
 * and during the copy leaving the connection usable, and messages COPY OUT does not allow.
 */
class CopyOutScriptedIT {

    @Test
    void textCopyDeliversEveryCopyDataThenTheRowCount() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            assertTrue(query(s).startsWith("COPY"));
            send(s, 'H', new byte[] {0, 0, 2, 0, 0, 0, 0});
            send(s, 'd', bytes("1\tone\n"));
            send(s, 'N', concat(cstring("SNOTICE"), cstring("C00000"), cstring("Mjust saying"), new byte[] {0}));
            send(s, 'd', bytes("2\t\\N\n"));
            send(s, 'c', new byte[0]);
            send(s, 'C', cstring("COPY 2"));
            send(s, 'Z', new byte[] {'I'});
            assertEquals("SELECT 1", query(s));
            send(s, 'C', cstring("SELECT 0"));
            send(s, 'Z', new byte[] {'I'});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            assertEquals(0, copy.format());
            assertEquals(2, copy.columnCount());
            List<String> rows = new ArrayList<>();
            Frame f;
            while ((f = copy.next()) != null) {
                rows.add(new String(f.copyPayload(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("1\tone\n", "2\t\\N\n"), rows);
            assertEquals(2, copy.rowCount());
            assertTrue(copy.isFinished());
            assertNull(copy.next());
            assertEquals('I', conn.transactionStatus());
            conn.query("SELECT 1"); // usable afterwards
            conn.close();
            peer.await(java.time.Duration.ofSeconds(10)); // the script's own assertions held
        }
    }

    @Test
    void errorBeforeCopyStartsIsThrownAfterReadyForQuery() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'E', error("42P01", "relation \"t\" does not exist"));
            send(s, 'Z', new byte[] {'I'});
            query(s);
            send(s, 'C', cstring("SELECT 0"));
            send(s, 'Z', new byte[] {'I'});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> conn.copyOut("COPY t TO STDOUT"));
            assertEquals("42P01", e.sqlState());
            conn.query("SELECT 1");
        }
    }

    @Test
    void errorDuringCopyIsThrownAfterReadyForQueryAndTheConnectionStaysUsable() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'H', new byte[] {1, 0, 0});
            send(s, 'd', bytes("row"));
            send(s, 'E', error("57014", "canceling statement due to user request"));
            send(s, 'Z', new byte[] {'E'});
            query(s);
            send(s, 'C', cstring("ROLLBACK"));
            send(s, 'Z', new byte[] {'I'});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT (FORMAT binary)");
            assertTrue(copy.isBinary());
            assertEquals("row", new String(copy.next().copyPayload(), StandardCharsets.UTF_8));
            ServerErrorException e = assertThrows(ServerErrorException.class, copy::next);
            assertEquals("57014", e.sqlState());
            assertEquals('E', conn.transactionStatus());
            conn.query("ROLLBACK");
            assertEquals('I', conn.transactionStatus());
        }
    }

    @Test
    void closeBeforeTheEndDiscardsTheRest() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'H', new byte[] {0, 0, 0});
            for (int i = 0; i < 100; i++) {
                send(s, 'd', bytes(i + "\n"));
            }
            send(s, 'c', new byte[0]);
            send(s, 'C', cstring("COPY 100"));
            send(s, 'Z', new byte[] {'I'});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            copy.next();
            copy.close();
            assertTrue(copy.isFinished());
            assertEquals(100, copy.rowCount());
        }
    }

    @Test
    void unexpectedMessagesAreProtocolErrors() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'H', new byte[] {0, 0, 0});
            send(s, 'D', new byte[] {0, 0});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            ProtocolException e = assertThrows(ProtocolException.class, copy::next);
            assertTrue(e.getMessage().contains("COPY OUT"), e.getMessage());
        }
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'G', new byte[] {0, 0, 0});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> conn.copyOut("COPY t FROM STDIN"));
            assertTrue(e.getMessage().contains("COPY IN"), e.getMessage());
        }
        try (LoopbackPeer peer = LoopbackPeer.start(s -> {
            startup(s);
            query(s);
            send(s, 'H', new byte[] {7, 0, 0});
            drain(s);
        }); PgConnection conn = Connector.connect(config(peer))) {
            assertThrows(ProtocolException.class, () -> conn.copyOut("COPY t TO STDOUT"));
        }
    }

    private static ConnectionConfig config(LoopbackPeer peer) {
        return ConnectionConfig.parse("host=" + peer.endpoint().host() + " port=" + peer.endpoint().port()
                + " user=u dbname=d connect_timeout=10 sslmode=disable", Live.CLEAN_ENV); // the peer speaks no TLS
    }

    private static void startup(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int len = in.readInt();
        in.readFully(new byte[len - 4]);
        send(s, 'R', ByteBuffer.allocate(4).putInt(0).array());
        send(s, 'S', concat(cstring("server_version"), cstring("16.4")));
        send(s, 'Z', new byte[] {'I'});
    }

    /** Reads one Query message and returns its text. */
    private static String query(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int tag = in.readUnsignedByte();
        assertEquals('Q', tag);
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
    }

    private static byte[] error(String state, String message) {
        return concat(cstring("SERROR"), cstring("VERROR"), cstring("C" + state), cstring("M" + message),
                new byte[] {0});
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cstring(String s) {
        return concat(bytes(s), new byte[] {0});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
