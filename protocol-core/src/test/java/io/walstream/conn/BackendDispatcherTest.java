package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ProtocolException;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.ScriptedByteSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The control-path dispatcher on scripted bytes: every state against every class of backend message. */
class BackendDispatcherTest {

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final List<ServerError> notices = new ArrayList<>();

    private BackendDispatcher dispatcher(ConnectionState state, byte[]... messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            all.writeBytes(m);
        }
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(all.toByteArray())).noticeListener(notices::add)
                .build();
        BackendDispatcher d = new BackendDispatcher(decoder, "db:5432", parameters::put);
        if (state != ConnectionState.STARTUP) {
            d.begin(state, null);
        }
        return d;
    }

    // --- messages every state shares ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, mode = EnumSource.Mode.EXCLUDE, names = "CLOSED")
    void parameterStatusUpdatesTheSessionInEveryState(ConnectionState state) {
        BackendDispatcher d = dispatcher(state, startupOpener(state), msg('S', cstr("TimeZone"), cstr("UTC")),
                terminator(state));
        skipStartupOpener(d, state);
        assertReachesTerminator(d, state); // ParameterStatus is not handed to the state's code
        assertEquals("UTC", parameters.get("TimeZone"));
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, mode = EnumSource.Mode.EXCLUDE, names = "CLOSED")
    void noticeIsRelayedOnceAndNotHandedOnInEveryState(ConnectionState state) {
        BackendDispatcher d = dispatcher(state, startupOpener(state),
                msg('N', fields("WARNING", "01000", "careful", "D", "some detail")), terminator(state));
        skipStartupOpener(d, state);
        assertReachesTerminator(d, state);
        assertEquals(1, notices.size());
        assertEquals("careful", notices.get(0).message());
        assertEquals("some detail", notices.get(0).detail());
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = {"READY", "SIMPLE_QUERY", "COPY_OUT", "COPY_BOTH", "COPY_BOTH_ENDED"})
    void notificationIsDroppedAfterStartup(ConnectionState state) {
        BackendDispatcher d = dispatcher(state, msg('A', int32(42), cstr("chan"), cstr("payload")), terminator(state));
        assertReachesTerminator(d, state);
    }

    @Test
    void notificationDuringStartupIsUnexpected() {
        BackendDispatcher d = dispatcher(ConnectionState.STARTUP, authOk(), msg('A', int32(42), cstr("c"), cstr("")));
        assertEquals('R', d.next(Long.MAX_VALUE).tag());
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> d.next(Long.MAX_VALUE));
        assertEquals('A', e.tag());
        assertEquals(ConnectionState.STARTUP, e.state());
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, mode = EnumSource.Mode.EXCLUDE, names = "CLOSED")
    void readyForQueryRecordsTheStatusAndEndsInReady(ConnectionState state) {
        BackendDispatcher d = dispatcher(state, startupOpener(state), readyForQuery('T'));
        skipStartupOpener(d, state);
        if (state == ConnectionState.READY) {
            assertThrows(UnexpectedMessageException.class, () -> d.next(Long.MAX_VALUE));
            return;
        }
        assertEquals('Z', d.next(Long.MAX_VALUE).tag());
        assertEquals('T', d.transactionStatus());
        assertEquals(ConnectionState.READY, d.state());
    }

    // --- ErrorResponse ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = {"SIMPLE_QUERY", "COPY_OUT", "COPY_BOTH_ENDED"})
    void errorIsHeldUntilReadyForQueryAndWhatCameBetweenIsDiscarded(ConnectionState state) {
        byte[] between = state == ConnectionState.SIMPLE_QUERY ? msg('C', cstr("SELECT 1"))
                : msg('d', bytes("late row\n"));
        BackendDispatcher d = dispatcher(state, msg('E', fullError()), between,
                msg('E', fields("ERROR", "XX000", "second")), msg('S', cstr("a"), cstr("b")), readyForQuery('E'));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.next(Long.MAX_VALUE));
        assertEquals("42P01", e.sqlState(), "the first error wins");
        assertEquals(ConnectionState.READY, d.state(), "thrown only at ReadyForQuery");
        assertEquals('E', d.transactionStatus());
        assertEveryField(e);
        assertEquals("b", parameters.get("a"), "ParameterStatus is applied even while an error is held");
    }

    @Test
    void errorDuringCopyBothIsThrownAtOnceAndThenAwaitsReadyForQuery() {
        BackendDispatcher d = dispatcher(ConnectionState.COPY_BOTH, msg('E', fullError()), msg('C', cstr("SELECT")),
                readyForQuery('I'));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.next(Long.MAX_VALUE));
        assertEveryField(e);
        assertEquals(ConnectionState.COPY_BOTH_ENDED, d.state());
        assertEquals('C', d.next(Long.MAX_VALUE).tag());
        assertEquals('Z', d.next(Long.MAX_VALUE).tag());
    }

    @Test
    void errorDuringStartupIsThrownAtOnceWithItsContext() {
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(msg('E',
                fields("FATAL", "53300", "sorry, too many clients already")))).build();
        BackendDispatcher d = new BackendDispatcher(decoder, "db:5432", parameters::put);
        d.begin(ConnectionState.STARTUP, "Connecting to db:5432 as user \"app\"");
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.next(Long.MAX_VALUE));
        assertEquals("53300", e.sqlState());
        assertTrue(e.isTransient());
        assertEquals("Connecting to db:5432 as user \"app\": FATAL 53300: sorry, too many clients already",
                e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void errorWhileIdleIsThrownAtOnce() {
        BackendDispatcher d = dispatcher(ConnectionState.READY,
                msg('E', fields("FATAL", "57P01", "terminating connection due to administrator command")));
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.next(Long.MAX_VALUE));
        assertEquals("57P01", e.sqlState());
    }

    @Test
    void aNewExchangeForgetsNothingButStartsClean() {
        BackendDispatcher d = dispatcher(ConnectionState.SIMPLE_QUERY, msg('E', fields("ERROR", "42601", "syntax")),
                readyForQuery('I'), msg('C', cstr("SELECT 1")), readyForQuery('I'));
        assertThrows(ServerErrorException.class, () -> d.next(Long.MAX_VALUE));
        d.begin(ConnectionState.SIMPLE_QUERY, null);
        assertEquals('C', d.next(Long.MAX_VALUE).tag(), "the next query's results are not discarded");
        assertEquals('Z', d.next(Long.MAX_VALUE).tag());
    }

    // --- messages a state does not allow ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, mode = EnumSource.Mode.EXCLUDE, names = "CLOSED")
    void aMessageTheStateDoesNotAllowNamesTagStateAndOffset(ConnectionState state) {
        char foreign = switch (state) {
            case STARTUP -> 'T';
            case READY -> 'D';
            case SIMPLE_QUERY -> 'K';
            case COPY_OUT, COPY_BOTH -> 'T';
            case COPY_BOTH_ENDED -> 'c';
            default -> throw new AssertionError(state);
        };
        byte[] opener = startupOpener(state);
        BackendDispatcher d = dispatcher(state, opener, msg(foreign, int32(7)));
        skipStartupOpener(d, state);
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> d.next(Long.MAX_VALUE));
        assertEquals(foreign, e.tag());
        assertEquals(state, e.state());
        assertEquals(opener.length, e.offset());
        assertEquals("00 00 00 07", e.hexExcerpt());
        assertTrue(e.getMessage().contains("'" + foreign + "'") && e.getMessage().contains(state.description())
                && e.getMessage().contains("db:5432") && e.getMessage().contains("offset " + opener.length),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, mode = EnumSource.Mode.EXCLUDE, names = "CLOSED")
    void eachStateHandsOnItsOwnMessages(ConnectionState state) {
        for (char tag : "RKvZTDCIGHWdc".toCharArray()) {
            assertEquals(state.allows(tag), ownMessageHandedOn(state, tag), state + " / " + tag);
        }
    }

    private boolean ownMessageHandedOn(ConnectionState state, char tag) {
        parameters.clear();
        BackendDispatcher d = dispatcher(state, startupOpener(state), msg(tag, tag == 'Z' ? new byte[] {'I'}
                : tag == 'R' ? int32(0) : new byte[0]));
        skipStartupOpener(d, state);
        try {
            return d.next(Long.MAX_VALUE).tag() == tag;
        } catch (UnexpectedMessageException e) {
            return false;
        }
    }

    // --- the first answer during startup --------------------------------------------------------------

    @Test
    void aFirstAnswerThatIsNoAuthenticationRequestIsNotPostgres() {
        BackendDispatcher d = dispatcher(ConnectionState.STARTUP, msg('S', cstr("a"), cstr("b")));
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.next(Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("The server at db:5432 did not answer like PostgreSQL (expected an"
                + " authentication request, received 'S' (0x53)"), e.getMessage());
    }

    @Test
    void aFirstAnswerThatIsNoMessageIsNotPostgres() {
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(
                "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).build();
        BackendDispatcher d = new BackendDispatcher(decoder, "db:5432", parameters::put);
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.next(Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("did not answer like PostgreSQL"), e.getMessage());
        assertInstanceOf(ProtocolException.class, e.getCause());
    }

    @Test
    void negotiateProtocolVersionMayComeFirst() {
        BackendDispatcher d = dispatcher(ConnectionState.STARTUP, msg('v', int32(0), int32(0)), authOk(),
                readyForQuery('I'));
        assertEquals('v', d.next(Long.MAX_VALUE).tag());
        assertEquals('R', d.next(Long.MAX_VALUE).tag());
        assertEquals('Z', d.next(Long.MAX_VALUE).tag());
        assertEquals(ConnectionState.READY, d.state());
    }

    // --- lifecycle ------------------------------------------------------------------------------------

    @Test
    void aDeadlineThatPassesReturnsNull() {
        FrameDecoder decoder = FrameDecoder.builder(new ScriptedByteSource().idleWhenDone()).build();
        BackendDispatcher d = new BackendDispatcher(decoder, "db:5432", parameters::put);
        d.begin(ConnectionState.SIMPLE_QUERY, null);
        assertNull(d.next(System.nanoTime() + 1_000_000));
    }

    @Test
    void aClosedConnectionStartsNoExchange() {
        BackendDispatcher d = dispatcher(ConnectionState.READY);
        d.close();
        d.enter(ConnectionState.COPY_OUT);
        assertEquals(ConnectionState.CLOSED, d.state());
        assertThrows(IllegalStateException.class, () -> d.begin(ConnectionState.SIMPLE_QUERY, null));
    }

    @Test
    void acceptOfTheHotPathHandsCopyEndsBack() {
        BackendDispatcher d = dispatcher(ConnectionState.COPY_BOTH);
        assertTrue(d.accept(Frame.of('S', concat(cstr("x"), cstr("y")))));
        assertFalse(d.accept(Frame.of('c', new byte[0])));
        assertFalse(d.accept(Frame.of('C', cstr("COPY 0"))));
        assertEquals("y", parameters.get("x"));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class,
                () -> d.accept(Frame.of('R', int32(0))));
        assertSame(ConnectionState.COPY_BOTH, e.state());
        assertEquals(-1, e.offset());
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** A message that ends the script: ReadyForQuery, or in READY (where it is not allowed) a DataRow. */
    private static byte[] terminator(ConnectionState state) {
        return state == ConnectionState.READY ? msg('D', new byte[] {0, 0}) : readyForQuery('I');
    }

    private static void assertReachesTerminator(BackendDispatcher d, ConnectionState state) {
        if (state == ConnectionState.READY) {
            UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> d.next(Long.MAX_VALUE));
            assertEquals('D', e.tag());
        } else {
            assertEquals('Z', d.next(Long.MAX_VALUE).tag());
        }
    }

    /** In STARTUP the first answer must be an authentication request: put one first. */
    private static byte[] startupOpener(ConnectionState state) {
        return state == ConnectionState.STARTUP ? authOk() : new byte[0];
    }

    private static void skipStartupOpener(BackendDispatcher d, ConnectionState state) {
        if (state == ConnectionState.STARTUP) {
            assertEquals('R', d.next(Long.MAX_VALUE).tag());
        }
    }

    private static void assertEveryField(ServerErrorException e) {
        ServerError err = e.error();
        assertEquals("ERROR", err.severity());
        assertEquals("relation \"t\" does not exist", err.message());
        assertEquals("the detail", err.detail());
        assertEquals("the hint", err.hint());
        assertEquals("SQL statement", err.field('W'));
        assertEquals("15", err.field('P'));
        String m = e.getMessage();
        assertTrue(m.startsWith("ERROR 42P01: relation \"t\" does not exist"), m);
        assertTrue(m.contains("DETAIL:  the detail") && m.contains("HINT:  the hint")
                && m.contains("CONTEXT:  SQL statement"), m);
    }

    private static byte[] fullError() {
        return fields("ERROR", "42P01", "relation \"t\" does not exist", "D", "the detail", "H", "the hint",
                "W", "SQL statement", "P", "15");
    }

    /** Severity (S and V), SQLSTATE, message, then extra code/value pairs. */
    private static byte[] fields(String severity, String sqlState, String message, String... extra) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        field(b, 'S', severity);
        field(b, 'V', severity);
        field(b, 'C', sqlState);
        field(b, 'M', message);
        for (int i = 0; i < extra.length; i += 2) {
            field(b, extra[i].charAt(0), extra[i + 1]);
        }
        b.write(0);
        return b.toByteArray();
    }

    private static void field(ByteArrayOutputStream b, char code, String value) {
        b.write(code);
        b.writeBytes(cstr(value));
    }

    private static byte[] authOk() {
        return msg('R', int32(0));
    }

    private static byte[] readyForQuery(char status) {
        return msg('Z', new byte[] {(byte) status});
    }

    private static byte[] msg(char tag, byte[]... parts) {
        byte[] body = concat(parts);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        b.writeBytes(int32(body.length + 4));
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
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
