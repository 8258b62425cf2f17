package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.codec.Frame;
import io.walstream.conn.Connector;
import io.walstream.conn.CopyOut;
import io.walstream.conn.PgConnection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The COPY OUT sub-protocol against the fake walsender (milliseconds, no PostgreSQL): rows and the row count, a
 * notice in the middle, errors before and during the copy leaving the connection usable, closing early, and
 * messages COPY OUT does not allow.
 */
class CopyOutTest {

    @Test
    void textCopyDeliversEveryCopyDataThenTheRowCount() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()
                .onCopyOut("COPY t TO", false, 2, List.of(bytes("1\tone\n"), bytes("2\t\\N\n")))
                .onQuery("SELECT 1", List.of("?column?"), List.of(List.of("1")));
             PgConnection conn = Connector.connect(server.connectionString())) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            assertEquals(0, copy.format());
            assertEquals(2, copy.columnCount());
            assertEquals(List.of("1\tone\n", "2\t\\N\n"), rows(copy));
            assertEquals(2, copy.rowCount());
            assertEquals(2, copy.frames());
            assertTrue(copy.isFinished());
            assertNull(copy.next());
            assertEquals('I', conn.transactionStatus());
            assertEquals("1", conn.query("SELECT 1").getString(0, 0)); // usable afterwards
        }
    }

    @Test
    void aNoticeDuringTheCopyIsNotARow() throws Exception {
        byte[] answer = concat(msg('H', 0, 0, 1, 0, 0), msg('d', bytes("a\n")),
                msg('N', concat(cstring("SNOTICE"), cstring("C00000"), cstring("Mjust saying"), new byte[] {0})),
                msg('d', bytes("b\n")), msg('c'), msg('C', cstring("COPY 2")), msg('Z', 'I'));
        try (FakeWalSender server = FakeWalSender.start().onQueryBytes("COPY t TO", answer);
             PgConnection conn = Connector.connect(server.connectionString())) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            assertEquals(List.of("a\n", "b\n"), rows(copy));
            assertEquals(2, copy.rowCount());
        }
    }

    @Test
    void binaryCopyAnnouncesItsFormatPerColumn() throws Exception {
        try (FakeWalSender server = FakeWalSender.start().onCopyOut("COPY t TO", true, 3, List.of(bytes("x")));
             PgConnection conn = Connector.connect(server.connectionString())) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT (FORMAT binary)");
            assertTrue(copy.isBinary());
            assertEquals(3, copy.columnCount());
            assertEquals(1, copy.columnFormat(2));
            assertEquals(List.of("x"), rows(copy));
        }
    }

    @Test
    void errorBeforeCopyStartsIsThrownAfterReadyForQuery() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()
                .onQueryBytes("COPY t TO", concat(msg('E', error("42P01", "relation \"t\" does not exist")),
                        msg('Z', 'I')))
                .onQuery("SELECT 1", List.of("?column?"), List.of(List.of("1")));
             PgConnection conn = Connector.connect(server.connectionString())) {
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> conn.copyOut("COPY t TO STDOUT"));
            assertEquals("42P01", e.sqlState());
            assertEquals("1", conn.query("SELECT 1").getString(0, 0));
        }
    }

    @Test
    void errorDuringCopyIsThrownAfterReadyForQueryAndTheConnectionStaysUsable() throws Exception {
        byte[] answer = concat(msg('H', 1, 0, 0), msg('d', bytes("row")),
                msg('E', error("57014", "canceling statement due to user request")), msg('Z', 'E'));
        try (FakeWalSender server = FakeWalSender.start()
                .onQueryBytes("COPY t TO", answer)
                .onQueryBytes("ROLLBACK", concat(msg('C', cstring("ROLLBACK")), msg('Z', 'I')));
             PgConnection conn = Connector.connect(server.connectionString())) {
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
        List<byte[]> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(bytes(i + "\n"));
        }
        try (FakeWalSender server = FakeWalSender.start()
                .onCopyOut("COPY t TO", false, 1, hundred)
                .onQuery("SELECT 1", List.of("?column?"), List.of(List.of("1")));
             PgConnection conn = Connector.connect(server.connectionString())) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            assertEquals("0\n", new String(copy.next().copyPayload(), StandardCharsets.UTF_8));
            copy.close();
            assertTrue(copy.isFinished());
            assertEquals(100, copy.rowCount());
            assertEquals("1", conn.query("SELECT 1").getString(0, 0));
        }
    }

    @Test
    void aDataRowInsideTheCopyIsAProtocolError() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()
                .onQueryBytes("COPY t TO", concat(msg('H', 0, 0, 0), msg('D', 0, 0)));
             PgConnection conn = Connector.connect(server.connectionString())) {
            CopyOut copy = conn.copyOut("COPY t TO STDOUT");
            ProtocolException e = assertThrows(ProtocolException.class, copy::next);
            assertTrue(e.getMessage().contains("COPY OUT"), e.getMessage());
        }
    }

    @Test
    void copyInResponseIsAProtocolError() throws Exception {
        try (FakeWalSender server = FakeWalSender.start().onQueryBytes("COPY t FROM", msg('G', 0, 0, 0));
             PgConnection conn = Connector.connect(server.connectionString())) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> conn.copyOut("COPY t FROM STDIN"));
            assertTrue(e.getMessage().contains("COPY IN"), e.getMessage());
        }
    }

    @Test
    void anUnknownCopyFormatIsAProtocolError() throws Exception {
        try (FakeWalSender server = FakeWalSender.start().onQueryBytes("COPY t TO", msg('H', 7, 0, 0));
             PgConnection conn = Connector.connect(server.connectionString())) {
            assertThrows(ProtocolException.class, () -> conn.copyOut("COPY t TO STDOUT"));
        }
    }

    private static List<String> rows(CopyOut copy) {
        List<String> rows = new ArrayList<>();
        Frame f;
        while ((f = copy.next()) != null) {
            rows.add(new String(f.copyPayload(), StandardCharsets.UTF_8));
        }
        return rows;
    }

    private static byte[] error(String state, String message) {
        return concat(cstring("SERROR"), cstring("VERROR"), cstring("C" + state), cstring("M" + message),
                new byte[] {0});
    }

    /** One backend message with a body of the given bytes. */
    private static byte[] msg(char tag, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array();
    }

    /** One backend message with a body of the given byte values. */
    private static byte[] msg(char tag, int... body) {
        byte[] b = new byte[body.length];
        for (int i = 0; i < body.length; i++) {
            b[i] = (byte) body[i];
        }
        return msg(tag, b);
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
