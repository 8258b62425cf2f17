package io.walstream.codec;

import static io.walstream.codec.Wire.ascii;
import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CopyDone ({@code c}) is returned as a frame, marks the decoder, and does not stop later frames. */
class FrameDecoderCopyDoneTest {

    @Test
    void copyDoneIsReturnedAndRecorded() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(
                concat(frame('d', "abc"), frame('c', new byte[0]), frame('d', "after"))));
        assertFalse(decoder.copyDoneReceived());

        Frame data = decoder.next(Long.MAX_VALUE);
        Frame done = decoder.next(Long.MAX_VALUE);

        assertArrayEquals(ascii("abc"), data.copyPayload());
        assertEquals('c', done.tag());
        assertEquals(0, done.payloadLength());
        assertEquals("Frame c len=4", done.describe());
        assertTrue(decoder.copyDoneReceived());
    }

    @Test
    void framesAfterCopyDoneAreStillDelivered() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(
                concat(frame('c', new byte[0]), frame('C', "COPY 0\0"), frame('Z', "I"))));

        assertEquals('c', decoder.next(Long.MAX_VALUE).tag());
        assertEquals('C', decoder.next(Long.MAX_VALUE).tag());
        assertEquals('Z', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(3, decoder.framesDecoded());
    }

    @Test
    void copyDoneArrivingInALaterReadIsRecordedThen() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(frame('d', "x"), frame('c', new byte[0])));

        decoder.next(Long.MAX_VALUE);
        assertFalse(decoder.copyDoneReceived());
        assertEquals('c', decoder.next(Long.MAX_VALUE).tag());
        assertTrue(decoder.copyDoneReceived());
    }
}
