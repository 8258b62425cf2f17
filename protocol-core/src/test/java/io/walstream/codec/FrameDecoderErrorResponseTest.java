package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.fields;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.MalformedFrameException;
import io.walstream.ServerErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ErrorResponse ({@code E}) becomes a {@link ServerErrorException}, in stream order, and decoding goes on. */
class FrameDecoderErrorResponseTest {

    private static final byte[] SLOT_IN_USE = frame('E', fields(
            "SERREUR", "VERROR", "C55006", "Mreplication slot \"s1\" is active for PID 4242",
            "DSome detail.", "HSome hint.", "Wsome context", "Fslot.c", "L610", "RReplicationSlotAcquire"));

    @Test
    void errorResponseCarriesEveryField() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(SLOT_IN_USE));

        ServerErrorException e = assertThrows(ServerErrorException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals("55006", e.sqlState());
        assertEquals("ERROR", e.error().severity(), "V (non-localized) wins over S");
        assertEquals("replication slot \"s1\" is active for PID 4242", e.error().message());
        assertEquals("Some detail.", e.error().detail());
        assertEquals("Some hint.", e.error().hint());
        Map<Character, String> expected = new LinkedHashMap<>();
        expected.put('S', "ERREUR");
        expected.put('V', "ERROR");
        expected.put('C', "55006");
        expected.put('M', "replication slot \"s1\" is active for PID 4242");
        expected.put('D', "Some detail.");
        expected.put('H', "Some hint.");
        expected.put('W', "some context");
        expected.put('F', "slot.c");
        expected.put('L', "610");
        expected.put('R', "ReplicationSlotAcquire");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(e.error().fields().entrySet()));
        assertEquals("ERROR 55006: replication slot \"s1\" is active for PID 4242\nDETAIL:  Some detail.\n"
                + "HINT:  Some hint.\nCONTEXT:  some context", e.getMessage(), "psql-like: every field in the message");
        assertFalse(e.isTransient());
    }

    @Test
    void framesBeforeTheErrorAreDeliveredFirst() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(
                concat(frame('d', "1"), frame('d', "2"), SLOT_IN_USE, frame('d', "3"))));

        assertEquals('1', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertEquals('2', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertThrows(ServerErrorException.class, () -> decoder.next(Long.MAX_VALUE));
    }

    @Test
    void decoderKeepsWorkingAfterAnError() {
        ScriptedByteSource source = ScriptedByteSource.of(
                concat(frame('d', "1"), SLOT_IN_USE, frame('Z', "I")), frame('d', "later"));
        FrameDecoder decoder = FrameDecoder.of(source);

        decoder.next(Long.MAX_VALUE);
        assertThrows(ServerErrorException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals(FrameDecoder.State.OPEN, decoder.state());
        assertEquals('Z', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(1, source.reads(), "the frame after the error was already buffered");
        assertEquals('d', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(3, decoder.framesDecoded());
    }

    @Test
    void twoErrorsInOneReadAreThrownOneAtATime() {
        byte[] fatal = frame('E', fields("SFATAL", "C57P01", "Mterminating connection due to administrator command"));
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(SLOT_IN_USE, fatal)));

        assertEquals("55006", assertThrows(ServerErrorException.class, () -> decoder.next(0)).sqlState());
        ServerErrorException second = assertThrows(ServerErrorException.class, () -> decoder.next(0));
        assertEquals("57P01", second.sqlState());
        assertEquals("FATAL", second.error().severity());
    }

    @Test
    void errorResponseWithUnterminatedFieldsIsMalformedAndSticky() {
        byte[] bad = frame('E', Wire.ascii("SERROR\0C5500"));
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(frame('d', "ok"), bad)));

        decoder.next(Long.MAX_VALUE);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('E', e.tag());
        assertEquals(7, e.offset());
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
        assertSame(e, assertThrows(MalformedFrameException.class, () -> decoder.next(Long.MAX_VALUE)));
    }
}
