package io.walstream.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder rejects limits that cannot work. */
class FrameDecoderBuilderTest {

    @Test
    void rejectsNullSource() {
        assertThrows(NullPointerException.class, () -> FrameDecoder.builder(null));
    }

    @Test
    void rejectsBatchBelowOne() {
        FrameDecoder.Builder b = FrameDecoder.builder(new ScriptedByteSource());
        assertEquals("maxBatch must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxBatch(0)).getMessage());
    }

    @Test
    void rejectsChunkBelow64() {
        FrameDecoder.Builder b = FrameDecoder.builder(new ScriptedByteSource());
        assertThrows(IllegalArgumentException.class, () -> b.chunkSize(63));
        b.chunkSize(64);
    }

    @Test
    void rejectsMaxFrameLengthOutsideRange() {
        FrameDecoder.Builder b = FrameDecoder.builder(new ScriptedByteSource());
        assertThrows(IllegalArgumentException.class, () -> b.maxFrameLength(3));
        assertThrows(IllegalArgumentException.class, () -> b.maxFrameLength(Integer.MAX_VALUE));
        b.maxFrameLength(4);
    }

    @Test
    void newDecoderIsOpenAndEmpty() {
        FrameDecoder d = FrameDecoder.of(new ScriptedByteSource());
        assertEquals(FrameDecoder.State.OPEN, d.state());
        assertEquals(0, d.offset());
        assertEquals(0, d.pendingFrames());
        assertEquals(0, d.bytesRead());
    }
}
