package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static io.walstream.codec.Wire.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FrameTooLargeException;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A declared length below 4 or above the maximum is a protocol error raised from the five header bytes alone,
 * after the frames before it, and it is sticky.
 */
class FrameDecoderBadLengthTest {

    /** Fails the test if the decoder reads past the bad header instead of rejecting it. */
    private static final IOException NO_MORE_READS = new IOException("the decoder read past a bad header");

    @ParameterizedTest(name = "declared length {0}")
    @ValueSource(ints = {-1, Integer.MIN_VALUE, 0, 3})
    void lengthBelowFourIsMalformed(int declared) {
        byte[] good = frame('d', "abc");
        ScriptedByteSource source = ScriptedByteSource.of(concat(good, header('d', declared))).fail(NO_MORE_READS);
        FrameDecoder decoder = FrameDecoder.of(source);

        assertEquals('d', decoder.next(Long.MAX_VALUE).tag(), "the frame before the bad one comes first");
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('d', e.tag());
        assertEquals(good.length, e.offset());
        assertEquals(HexFormat.hex(header('d', declared)), e.hexExcerpt());
        assertTrue(e.getMessage().contains("invalid message length " + declared), e.getMessage());
        assertEquals(1, source.reads());
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
    }

    @Test
    void lengthAboveTheDefaultMaximumIsTooLarge() {
        int declared = FrameDecoder.DEFAULT_MAX_FRAME_LENGTH + 1;
        ScriptedByteSource source = ScriptedByteSource.of(header('w', declared)).fail(NO_MORE_READS);
        FrameDecoder decoder = FrameDecoder.of(source);

        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('w', e.tag());
        assertEquals(0, e.offset());
        assertEquals(declared, e.declaredLength());
        assertEquals(128L * 1024 * 1024, e.limit());
        assertEquals("77 08 00 00 01", e.hexExcerpt());
        // the hint names the setting a user can reach, not the codec's internal builder
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().contains("ReplicationConfig.Builder.maxFrameLength"), e.getMessage());
        assertTrue(e.getMessage().contains("exceeds maximum"), e.getMessage());
        assertEquals(1, source.reads(), "raised before any body byte was awaited");
    }

    @Test
    void configuredMaximumIsInclusive() {
        byte[] atLimit = frame('d', new byte[96]);
        ScriptedByteSource source = ScriptedByteSource.of(concat(atLimit, header('d', 101), new byte[97]));
        FrameDecoder decoder = FrameDecoder.builder(source).maxFrameLength(100).build();

        assertEquals(96, decoder.next(Long.MAX_VALUE).payloadLength());
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(atLimit.length, e.offset());
        assertEquals(101, e.declaredLength());
        assertEquals(100, e.limit());
    }

    @Test
    void badHeaderSplitAcrossReadsIsRaisedWhenItsFifthByteArrives() {
        byte[] bad = header('d', -5);
        ScriptedByteSource source = ScriptedByteSource.inPieces(bad, 1).fail(NO_MORE_READS);
        FrameDecoder decoder = FrameDecoder.of(source);

        for (int i = 0; i < 4; i++) {
            assertEquals(null, decoder.next(0));
        }
        assertThrows(MalformedFrameException.class, () -> decoder.next(0));
        assertEquals(5, source.reads());
    }

    @Test
    void badHeaderInALaterReadCarriesItsStreamOffset() {
        byte[] first = concat(frame('d', "1"), frame('d', "22"));
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(first, header('k', 2)));

        decoder.next(Long.MAX_VALUE);
        decoder.next(Long.MAX_VALUE);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('k', e.tag());
        assertEquals(first.length, e.offset());
    }

    @Test
    void protocolErrorIsSticky() {
        ScriptedByteSource source = ScriptedByteSource.of(header('d', -1), frame('d', "never"));
        FrameDecoder decoder = FrameDecoder.of(source);

        ProtocolException first = assertThrows(ProtocolException.class, () -> decoder.next(Long.MAX_VALUE));
        ProtocolException again = assertThrows(ProtocolException.class, () -> decoder.next(Long.MAX_VALUE));
        ProtocolException polled = assertThrows(ProtocolException.class, () -> decoder.next(0));

        assertSame(first, again);
        assertSame(first, polled);
        assertEquals(1, source.reads(), "a failed decoder does not read again");
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
    }

    /** Lower-case hex pairs separated by spaces, the {@code hexExcerpt} format. */
    private static final class HexFormat {
        static String hex(byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(String.format("%02x", x & 0xff));
            }
            return sb.toString();
        }
    }
}
