package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FrameTooLargeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The zero-allocation cursor ({@code advance}/{@code current*}), read-chunk reuse and {@code release()}. */
class FrameDecoderCursorTest {

    private static final int FRAMES = 200;

    private final List<byte[]> payloads = new ArrayList<>();
    private final byte[] stream;

    FrameDecoderCursorTest() {
        Random random = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            byte[] p = new byte[1 + random.nextInt(40)];
            random.nextBytes(p);
            payloads.add(p);
            out.writeBytes(frame('d', p));
        }
        stream = out.toByteArray();
    }

    private static byte[] current(FrameDecoder d) {
        return Arrays.copyOfRange(d.currentArray(), d.currentOffset(), d.currentOffset() + d.currentLength());
    }

    @Test
    void cursorReadsEveryFrameAndReusesOneChunk() {
        ScriptedByteSource source = ScriptedByteSource.inPieces(stream, 29);
        FrameDecoder d = FrameDecoder.builder(source).chunkSize(128).build();
        long offset = 0;
        byte[] first = null;
        for (int i = 0; i < FRAMES; i++) {
            assertEquals('d', d.advance(Long.MAX_VALUE));
            assertEquals('d', d.currentTag());
            assertArrayEquals(payloads.get(i), current(d), "frame " + i);
            assertEquals(offset, d.currentStreamOffset(), "stream offset of frame " + i);
            offset += 5 + payloads.get(i).length;
            if (first == null) {
                first = d.currentArray();
            }
            assertSame(first, d.currentArray(), "frame " + i + " read into the one reused chunk");
        }
        assertEquals(stream.length, d.bytesRead());
        assertTrue(source.reads() > stream.length / 128, "many refills of one 128-byte chunk: " + source.reads());
    }

    @Test
    void aFrameHandedOutKeepsItsChunkFromBeingReused() {
        FrameDecoder d = FrameDecoder.builder(ScriptedByteSource.inPieces(stream, 29)).chunkSize(128).build();
        Frame kept = d.next(Long.MAX_VALUE);
        ByteBuffer view = kept.payload();
        for (int i = 1; i < FRAMES; i++) {
            assertEquals('d', d.advance(Long.MAX_VALUE));
            assertArrayEquals(payloads.get(i), current(d), "frame " + i);
        }
        assertArrayEquals(payloads.get(0), kept.copyPayload());
        assertArrayEquals(payloads.get(0), Wire.bytes(view));
    }

    @Test
    void aPayloadViewTakenFromTheCursorStaysValid() {
        FrameDecoder d = FrameDecoder.builder(ScriptedByteSource.inPieces(stream, 29)).chunkSize(128).build();
        List<ByteBuffer> views = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            d.advance(Long.MAX_VALUE);
            views.add(d.currentPayloadView(1));
        }
        for (int i = 0; i < FRAMES; i++) {
            byte[] p = payloads.get(i);
            assertArrayEquals(Arrays.copyOfRange(p, 1, p.length), Wire.bytes(views.get(i)), "view " + i);
            assertTrue(views.get(i).isReadOnly());
        }
    }

    @Test
    void releaseLetsTheChunkOfHandedOutFramesBeReused() {
        FrameDecoder d = FrameDecoder.builder(ScriptedByteSource.inPieces(stream, 29)).chunkSize(128).build();
        byte[] chunk = null;
        for (int i = 0; i < FRAMES; i++) {
            Frame f = d.next(Long.MAX_VALUE);
            assertArrayEquals(payloads.get(i), f.copyPayload(), "frame " + i);
            d.release();
            chunk = chunk == null ? d.currentArray() : chunk;
        }
        assertSame(chunk, d.currentArray(), "released frames: the first chunk is still the one in use");

        FrameDecoder kept = FrameDecoder.builder(ScriptedByteSource.inPieces(stream, 29)).chunkSize(128).build();
        byte[] firstChunk = null;
        for (int i = 0; i < FRAMES; i++) {
            kept.next(Long.MAX_VALUE);
            firstChunk = firstChunk == null ? kept.currentArray() : firstChunk;
        }
        assertNotSame(firstChunk, kept.currentArray(), "frames not released: fresh chunks");
    }

    @Test
    void limitsApplyToLaterFrames() {
        byte[] big = new byte[300];
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(frame('d', "ok"), frame('d', big)));
        assertEquals('d', d.advance(0));
        d.limits(100, 64);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> d.advance(0));
        assertTrue(e.getMessage().contains("exceeds maximum 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.limits(3, 64));
        assertThrows(IllegalArgumentException.class, () -> d.limits(100, 63));
    }

    @Test
    void timeoutReturnsMinusOne() {
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of().timeout());
        assertEquals(-1, d.advance(0));
    }
}
