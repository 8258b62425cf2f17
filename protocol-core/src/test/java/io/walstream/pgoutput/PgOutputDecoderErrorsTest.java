package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import io.walstream.pgoutput.Samples.Sample;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Garbled payloads are typed protocol errors with the type, the payload offset and a hex excerpt. */
class PgOutputDecoderErrorsTest {

    private static MalformedFrameException malformed(PgOutputDecoder d, byte[] payload) {
        return assertThrows(MalformedFrameException.class, () -> d.decode(payload));
    }

    private static MalformedFrameException malformed(byte[] payload) {
        return malformed(new PgOutputDecoder(4), payload);
    }

    @Test
    void unknownTypeIsAnErrorByDefault() {
        MalformedFrameException e = malformed(Bytes.tag('X').u8(1).u8(2).array());
        assertEquals('X', e.tag());
        assertEquals(0, e.offset());
        assertEquals("58 01 02", e.hexExcerpt());
        assertTrue(e.getMessage().contains("Unknown pgoutput message type 'X' (0x58)"), e.getMessage());
        assertTrue(e.getMessage().contains("skipUnknownTypes"), e.getMessage());
    }

    @Test
    void unknownTypeDecodesToUnknownMessageWhenSkipping() {
        PgOutputDecoder d = PgOutputDecoder.builder(1).skipUnknownTypes(true).build();
        UnknownMessage m = (UnknownMessage) d.decode(Bytes.tag('X').u8(1).u8(2).array());
        assertEquals('X', m.tag());
        assertEquals(0x58, m.type());
        assertArrayEquals(new byte[] {1, 2}, m.body());
        assertEquals(new UnknownMessage(0x58, new byte[] {1, 2}), m);
        assertEquals(new UnknownMessage(0xf0, new byte[0]), d.decode(new byte[] {(byte) 0xf0}));
    }

    @Test
    void skippingDoesNotHideVersionErrors() {
        PgOutputDecoder d = PgOutputDecoder.builder(1).skipUnknownTypes(true).build();
        assertThrows(ProtocolException.class, () -> d.decode(Bytes.tag('S').i32(1).u8(1).array()));
    }

    @Test
    void longExcerptIsCut() {
        byte[] p = new byte[100];
        p[0] = 'X';
        assertTrue(malformed(p).hexExcerpt().endsWith("00 ..."));
        assertEquals(32 * 3 - 1 + 4, malformed(p).hexExcerpt().length());
    }

    @Test
    void emptyPayload() {
        MalformedFrameException e = malformed(new byte[0]);
        assertEquals(-1, e.tag());
        assertEquals(0, e.offset());
        assertEquals("", e.hexExcerpt());
    }

    static Stream<Sample> samples() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void trailingBytesAreMalformed(Sample s) {
        byte[] p = Arrays.copyOf(s.payload(), s.payload().length + 1);
        MalformedFrameException e = malformed(s.decoder(), p);
        assertEquals(s.payload()[0], (byte) e.tag());
        // Truncate checks its relation count against the remaining bytes up front, so it points at the count
        int expected = s.payload()[0] == 'T' ? (s.inBlock() ? 5 : 1) : s.payload().length;
        assertEquals(expected, e.offset());
    }

    @Test
    void nonZeroFlagsAreMalformed() {
        for (char tag : new char[] {'C', 'P', 'K', 'r', 'p'}) {
            byte[] p = Samples.all().stream().filter(s -> s.payload()[0] == tag).findFirst().orElseThrow()
                    .payload().clone();
            p[1] = 1;
            MalformedFrameException e = malformed(p);
            assertEquals(1, e.offset(), "flags of " + tag);
            assertTrue(e.getMessage().contains("flags must be 0"), e.getMessage());
        }
        byte[] c = Bytes.tag('c').i32(1).u8(2).i64(1).i64(2).i64(3).array();
        assertEquals(5, malformed(c).offset());
    }

    @Test
    void badFirstSegment() {
        assertEquals(5, malformed(Bytes.tag('S').i32(1).u8(2).array()).offset());
    }

    @Test
    void unknownReplicaIdentity() {
        MalformedFrameException e = malformed(Bytes.tag('R').i32(1).str("s").str("t").u8('x').i16(0).array());
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("replica identity 'x'"), e.getMessage());
    }

    @Test
    void unknownTupleKindNamesItsOffset() {
        MalformedFrameException e = malformed(Bytes.tag('I').i32(1).u8('N').i16(2).u8('n').u8('z').array());
        assertEquals('I', e.tag());
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("column 1 has unknown kind 'z'"), e.getMessage());
    }

    @Test
    void wrongTupleMarkers() {
        assertEquals(5, malformed(Bytes.tag('I').i32(1).u8('K').i16(0).array()).offset());
        assertEquals(5, malformed(Bytes.tag('U').i32(1).u8('X').i16(0).array()).offset());
        assertEquals(8, malformed(Bytes.tag('U').i32(1).u8('K').i16(0).u8('O').i16(0).array()).offset());
        assertEquals(5, malformed(Bytes.tag('D').i32(1).u8('N').i16(0).array()).offset());
    }

    @Test
    void negativeValueLength() {
        MalformedFrameException e = malformed(Bytes.tag('I').i32(1).u8('N').i16(1).u8('t').i32(-1).array());
        assertTrue(e.getMessage().contains("negative length -1"), e.getMessage());
    }

    @Test
    void valueLengthBeyondThePayload() {
        MalformedFrameException e = malformed(
                Bytes.tag('I').i32(1).u8('N').i16(1).u8('b').i32(Integer.MAX_VALUE).u8(1).array());
        assertTrue(e.getMessage().contains("needs 2147483647 bytes but only 1 remain"), e.getMessage());
    }

    @Test
    void columnCountBeyondThePayloadIsRejectedBeforeAllocating() {
        MalformedFrameException e = malformed(Bytes.tag('I').i32(1).u8('N').i16(0xffff).u8('n').array());
        assertTrue(e.getMessage().contains("declares 65535 columns"), e.getMessage());
        assertEquals(6, e.offset());
        MalformedFrameException r = malformed(Bytes.tag('R').i32(1).str("").str("t").u8('d').i16(0xffff)
                .u8(0).str("c").i32(25).i32(-1).array());
        assertTrue(r.getMessage().contains("declares 65535 columns"), r.getMessage());
    }

    @Test
    void truncateCountMustMatchTheRemainingBytes() {
        assertTrue(malformed(Bytes.tag('T').i32(Integer.MAX_VALUE).u8(0).i32(1).array()).getMessage()
                .contains("2147483647 relations"));
        assertTrue(malformed(Bytes.tag('T').i32(-1).u8(0).array()).getMessage().contains("4294967295 relations"));
        assertEquals(1, malformed(Bytes.tag('T').i32(2).u8(0).i32(1).array()).offset());
        assertEquals(1, malformed(Bytes.tag('T').i32(1).u8(0).i32(1).i32(2).array()).offset());
    }

    @Test
    void messageContentLengthMustFit() {
        assertTrue(malformed(Bytes.tag('M').u8(1).i64(1).str("p").i32(Integer.MAX_VALUE).array()).getMessage()
                .contains("content length 2147483647"));
        assertTrue(malformed(Bytes.tag('M').u8(1).i64(1).str("p").i32(-5).array()).getMessage()
                .contains("content length -5"));
        assertEquals(12, malformed(Bytes.tag('M').u8(1).i64(1).str("p").i32(2).u8(1).array()).offset());
    }

    @Test
    void unterminatedString() {
        MalformedFrameException e = malformed(Bytes.tag('O').i64(1).raw((byte) 'a', (byte) 'b').array());
        assertTrue(e.getMessage().contains("origin_name is not NUL-terminated"), e.getMessage());
        assertEquals(9, e.offset());
    }

    @Test
    void messageNamesTagAndOffset() {
        MalformedFrameException e = malformed(Bytes.tag('B').i64(1).array());
        assertEquals("pgoutput message 'B' (0x42) at payload offset 9: commit_time needs 8 bytes but only 0 "
                + "remain", e.getMessage());
        assertEquals("42 00 00 00 00 00 00 00 01", e.hexExcerpt());
    }
}
