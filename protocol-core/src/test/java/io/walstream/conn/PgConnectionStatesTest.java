package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.ScriptedByteSource;
import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PgConnection, CopyOut and CopyBoth on scripted server bytes: each keeps only its own messages and the
 * connection's state follows the exchange (the dispatcher itself is covered by {@link BackendDispatcherTest}).
 */
class PgConnectionStatesTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<ServerError> notices = new ArrayList<>();

    /** A connection past startup (state READY) that reads {@code script} and records what it sends. */
    private PgConnection connection(byte[]... script) {
        ByteSource source = ScriptedByteSource.of(concat(script));
        ByteSink sink = new ByteSink() {
            @Override
            public void write(ByteBuffer src) {
                byte[] b = new byte[src.remaining()];
                src.get(b);
                sent.writeBytes(b);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Transport transport = new Transport() {
            @Override
            public ByteSource source() {
                return source;
            }

            @Override
            public ByteSink sink() {
                return sink;
            }

            @Override
            public TransportInfo info() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        NoticeRelay relay = new NoticeRelay();
        relay.setListener(notices::add);
        PgConnection conn = new PgConnection(transport, FrameDecoder.builder(source).noticeListener(relay).build(),
                relay, Endpoint.of("db", 5432));
        conn.dispatcher().enter(ConnectionState.READY);
        return conn;
    }

    @Test
    void aQueryReadsItsResultsThroughAsynchronousMessages() {
        PgConnection conn = connection(rowDescription("n"), msg('S', cstr("application_name"), cstr("x")),
                dataRow("1"), msg('N', error("NOTICE", "00000", "hello")), msg('A', int32(1), cstr("c"), cstr("")),
                msg('C', cstr("SELECT 1")), readyForQuery('T'));
        ResultSet rs = conn.query("SELECT 1");
        assertEquals("SELECT 1", rs.commandTag());
        assertEquals(1, rs.rows().size());
        assertEquals("x", conn.parameter("application_name"));
        assertEquals("hello", notices.get(0).message());
        assertEquals('T', conn.transactionStatus());
        assertEquals(ConnectionState.READY, conn.state());
    }

    @Test
    void aQueryErrorComesAfterReadyForQueryAndTheNextQueryWorks() {
        PgConnection conn = connection(rowDescription("n"), dataRow("1"), msg('E', error("ERROR", "22012",
                "division by zero")), dataRow("2"), readyForQuery('I'), msg('C', cstr("SET")), readyForQuery('I'));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> conn.query("SELECT 1/0"));
        assertEquals("22012", e.sqlState());
        assertEquals(ConnectionState.READY, conn.state());
        assertEquals("SET", conn.query("SET x = 1").commandTag());
    }

    @Test
    void aMessageOutOfTurnInAQueryIsTyped() {
        PgConnection conn = connection(msg('K', int32(1), int32(2)));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> conn.query("SELECT 1"));
        assertEquals(ConnectionState.SIMPLE_QUERY, e.state());
        assertEquals('K', e.tag());
        assertEquals(0, e.offset());
    }

    @Test
    void copyOutDeliversRowsAndEndsReady() {
        PgConnection conn = connection(copyOutResponse(), msg('d', bytes("1\n")), msg('S', cstr("a"), cstr("b")),
                msg('d', bytes("2\n")), msg('c'), msg('C', cstr("COPY 2")), readyForQuery('I'));
        CopyOut copy = conn.copyOut("COPY t TO STDOUT");
        assertEquals(ConnectionState.COPY_OUT, conn.state());
        assertArrayEquals(bytes("1\n"), copy.next().copyPayload());
        assertArrayEquals(bytes("2\n"), copy.next().copyPayload());
        assertNull(copy.next());
        assertEquals(2, copy.rowCount());
        assertTrue(copy.isFinished());
        assertEquals("b", conn.parameter("a"));
        assertEquals(ConnectionState.READY, conn.state());
    }

    @Test
    void aCopyOutErrorComesAfterReadyForQuery() {
        PgConnection conn = connection(copyOutResponse(), msg('d', bytes("1\n")),
                msg('E', error("ERROR", "57014", "canceling statement due to user request")),
                msg('d', bytes("late\n")), readyForQuery('E'));
        CopyOut copy = conn.copyOut("COPY t TO STDOUT");
        copy.next();
        ServerErrorException e = assertThrows(ServerErrorException.class, copy::next);
        assertEquals("57014", e.sqlState());
        assertTrue(copy.isFinished());
        assertNull(copy.next());
        assertEquals('E', conn.transactionStatus());
    }

    @Test
    void copyBothEndsOnTheServersCopyDoneAndFinishReadsLateCopyDataAndTheTimelineResultToReadyForQuery() {
        PgConnection conn = connection(copyBothResponse(), msg('d', bytes("k")), msg('S', cstr("a"), cstr("b")),
                msg('A', int32(1), cstr("c"), cstr("")), msg('d', bytes("w")), msg('c'), msg('d', bytes("late")), rowDescription("tli"),
                dataRow("2"), msg('C', cstr("SELECT")), msg('C', cstr("START_STREAMING")), readyForQuery('I'));
        CopyBoth copy = conn.startCopyBoth("START_REPLICATION 0/0");
        assertEquals(ConnectionState.COPY_BOTH, conn.state());
        assertEquals('d', copy.advance(Long.MAX_VALUE));
        assertEquals('d', copy.advance(Long.MAX_VALUE));
        assertEquals("b", conn.parameter("a"));
        assertEquals(-1, copy.advance(Long.MAX_VALUE));
        assertTrue(copy.isServerDone());
        assertEquals(ConnectionState.COPY_BOTH_ENDED, conn.state());
        assertTrue(copy.finish(Duration.ofSeconds(5)));
        assertEquals(ConnectionState.READY, conn.state());
        byte[] out = sent.toByteArray();
        assertEquals('c', out[out.length - 5], "CopyDone was the last message sent");
    }

    @Test
    void aCopyBothErrorIsThrownAtOnce() {
        PgConnection conn = connection(copyBothResponse(), msg('d', bytes("k")),
                msg('E', error("ERROR", "58P01", "requested WAL segment has already been removed")), readyForQuery('I'));
        CopyBoth copy = conn.startCopyBoth("START_REPLICATION 0/0");
        assertEquals('d', copy.advance(Long.MAX_VALUE));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> copy.advance(Long.MAX_VALUE));
        assertEquals("58P01", e.sqlState());
        assertTrue(copy.isServerDone());
        assertEquals(ConnectionState.COPY_BOTH_ENDED, conn.state());
        assertEquals(-1, copy.advance(0));
        assertTrue(copy.finish(Duration.ofSeconds(5)), "ReadyForQuery after the error");
        assertEquals(ConnectionState.READY, conn.state());
    }

    @Test
    void aRefusedStartReplicationIsThrownAfterReadyForQuery() {
        PgConnection conn = connection(msg('E', error("ERROR", "42704", "replication slot \"s\" does not exist")),
                readyForQuery('I'));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> conn.startCopyBoth("START_REPLICATION"));
        assertEquals("42704", e.sqlState());
        assertEquals(ConnectionState.READY, conn.state());
    }

    @Test
    void aMessageOutOfTurnInCopyBothIsTyped() {
        PgConnection conn = connection(copyBothResponse(), msg('K', int32(1), int32(2)));
        CopyBoth copy = conn.startCopyBoth("START_REPLICATION 0/0");
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class,
                () -> copy.advance(Long.MAX_VALUE));
        assertEquals(ConnectionState.COPY_BOTH, e.state());
        assertEquals(copyBothResponse().length, e.offset());
    }

    @Test
    void closeEndsInClosed() {
        PgConnection conn = connection();
        conn.close();
        assertEquals(ConnectionState.CLOSED, conn.state());
        assertEquals('X', sent.toByteArray()[0]);
    }

    // --- messages ---------------------------------------------------------------------------------------

    private static byte[] copyOutResponse() {
        return msg('H', new byte[] {0}, int16(1), int16(0));
    }

    private static byte[] copyBothResponse() {
        return msg('W', new byte[] {0}, int16(0));
    }

    private static byte[] rowDescription(String name) {
        return msg('T', int16(1), cstr(name), int32(0), int16(0), int32(23), int16(4), int32(-1), int16(0));
    }

    private static byte[] dataRow(String value) {
        return msg('D', int16(1), int32(value.length()), bytes(value));
    }

    private static byte[] readyForQuery(char status) {
        return msg('Z', new byte[] {(byte) status});
    }

    private static byte[] error(String severity, String sqlState, String message) {
        return concat(new byte[] {'S'}, cstr(severity), new byte[] {'C'}, cstr(sqlState), new byte[] {'M'},
                cstr(message), new byte[] {0});
    }

    private static byte[] msg(char tag, byte[]... parts) {
        byte[] body = concat(parts);
        return concat(new byte[] {(byte) tag}, int32(body.length + 4), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] int16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] cstr(String s) {
        return concat(bytes(s), new byte[] {0});
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
