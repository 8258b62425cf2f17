package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A read deadline that passes before a whole frame arrived returns {@code null}, losing nothing. */
class FrameDecoderTimeoutTest {

    @Test
    void timeoutReturnsNull() {
        ScriptedByteSource source = new ScriptedByteSource().timeout().chunk(frame('d', "late"));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertNull(decoder.next(0));
        assertEquals(1, source.reads());
        assertArrayEquals(Wire.ascii("late"), decoder.next(0).copyPayload());
    }

    @Test
    void partialFrameSurvivesTimeouts() {
        byte[] f = frame('d', "0123456789");
        ScriptedByteSource source = new ScriptedByteSource()
                .chunk(Arrays.copyOf(f, 7)).timeout().timeout().chunk(Arrays.copyOfRange(f, 7, f.length));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertNull(decoder.next(0));
        assertNull(decoder.next(0));
        assertNull(decoder.next(0));
        assertArrayEquals(Wire.ascii("0123456789"), decoder.next(0).copyPayload());
        assertEquals(FrameDecoder.State.OPEN, decoder.state());
    }

    @Test
    void positiveTimeoutWaitsAtLeastThatLongAndPassesNoLongerSlices() {
        ScriptedByteSource source = new ScriptedByteSource().idleWhenDone();
        FrameDecoder decoder = FrameDecoder.of(source);
        long timeout = TimeUnit.MILLISECONDS.toNanos(50);

        long start = System.nanoTime();
        assertNull(decoder.next(timeout));
        long elapsed = System.nanoTime() - start;

        assertTrue(elapsed >= timeout, "returned after " + elapsed + " ns");
        assertTrue(source.maxTimeoutNanos() <= timeout, "slice " + source.maxTimeoutNanos());
    }
}
