package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static io.walstream.codec.Wire.rawFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A tag no backend message uses is skipped and counted; the next frame is still delivered. */
class FrameDecoderUnknownTagTest {

    @Test
    void unknownTagIsSkippedAndCounted() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(frame('X', "data"), frame('d', "next"))));

        Frame f = decoder.next(Long.MAX_VALUE);

        assertEquals('d', f.tag());
        assertArrayEquals(Wire.ascii("next"), f.copyPayload());
        assertEquals(9, f.streamOffset());
        assertEquals(1, decoder.framesSkipped());
        assertEquals(1, decoder.framesDecoded());
    }

    @Test
    void nonPrintableTagsAreSkippedToo() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(
                rawFrame(0x00, new byte[3]), rawFrame(0xff, new byte[0]), frame('d', "ok"))));

        assertEquals('d', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(2, decoder.framesSkipped());
    }

    @Test
    void unknownFrameSpanningSeveralReadsIsSkipped() {
        byte[] big = frame('x', new byte[500]);
        byte[] stream = concat(big, frame('d', "after"));
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.inPieces(stream, 64)).chunkSize(64).build();

        Frame f = decoder.next(Long.MAX_VALUE);

        assertEquals('d', f.tag());
        assertEquals(big.length, f.streamOffset());
        assertEquals(1, decoder.framesSkipped());
    }
}
