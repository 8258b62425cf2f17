package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionClosedException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** One read queues at most {@code maxBatch} frames; the rest are parsed later without further reads. */
class FrameDecoderBatchLimitTest {

    private static byte[] frames(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(frame('d', new byte[] {(byte) i}));
        }
        return out.toByteArray();
    }

    @Test
    void atMostMaxBatchFramesAreQueuedPerRead() {
        ScriptedByteSource source = ScriptedByteSource.of(frames(10));
        FrameDecoder decoder = FrameDecoder.builder(source).maxBatch(3).build();

        for (int i = 0; i < 10; i++) {
            Frame f = decoder.next(Long.MAX_VALUE);
            assertEquals((byte) i, f.payloadByte(0), "frame " + i);
            assertTrue(decoder.pendingFrames() <= 2, "queued " + decoder.pendingFrames() + " after frame " + i);
        }
        assertEquals(1, source.reads(), "the frames beyond the batch were parsed from the buffer, not read again");
        assertEquals(10, decoder.framesDecoded());

        assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(2, source.reads());
    }

    @Test
    void defaultBatchIs4096() {
        int count = FrameDecoder.DEFAULT_MAX_BATCH + 10;
        ScriptedByteSource source = ScriptedByteSource.of(frames(count));
        FrameDecoder decoder = FrameDecoder.of(source);

        decoder.next(Long.MAX_VALUE);
        assertEquals(FrameDecoder.DEFAULT_MAX_BATCH - 1, decoder.pendingFrames());
        assertEquals(FrameDecoder.DEFAULT_MAX_BATCH, decoder.framesDecoded());
        assertEquals(FrameDecoder.DEFAULT_MAX_BATCH * 6L, decoder.offset(), "the last 10 frames are not parsed yet");

        for (int i = 1; i < count; i++) {
            assertEquals((byte) i, decoder.next(Long.MAX_VALUE).payloadByte(0));
        }
        assertEquals(1, source.reads());
        assertEquals(count, decoder.framesDecoded());
    }

    @Test
    void batchOfOneStillDeliversEverythingInOrder() {
        ScriptedByteSource source = ScriptedByteSource.of(frames(5));
        FrameDecoder decoder = FrameDecoder.builder(source).maxBatch(1).build();

        for (int i = 0; i < 5; i++) {
            assertEquals((byte) i, decoder.next(0).payloadByte(0));
            assertEquals(0, decoder.pendingFrames());
        }
        assertEquals(1, source.reads());
    }
}
