package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static io.walstream.codec.Wire.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.TruncatedFrameException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames larger than a chunk, and declared lengths that never arrive, cost memory only for bytes received. */
class FrameDecoderLargeFrameTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void frameLargerThanTheChunkSize() {
        byte[] big = new byte[MIB];
        new Random(7).nextBytes(big);
        byte[] before = frame('d', "before");
        byte[] stream = concat(before, frame('d', big), frame('d', "after"));
        ScriptedByteSource source = ScriptedByteSource.inPieces(stream, 64 * 1024);
        FrameDecoder decoder = FrameDecoder.builder(source).chunkSize(64 * 1024).build();

        assertArrayEquals(Wire.ascii("before"), decoder.next(Long.MAX_VALUE).copyPayload());
        Frame f = decoder.next(Long.MAX_VALUE);
        assertEquals(MIB, f.payloadLength());
        assertEquals(before.length, f.streamOffset());
        assertArrayEquals(big, f.copyPayload());
        assertArrayEquals(Wire.ascii("after"), decoder.next(Long.MAX_VALUE).copyPayload());
        assertTrue(source.maxCapacity() <= 2 * MIB + 64 * 1024, "largest buffer " + source.maxCapacity());
    }

    @Test
    void largeFrameInSmallReadsGrowsTheBufferGeometrically() {
        byte[] big = new byte[MIB];
        new Random(8).nextBytes(big);
        ScriptedByteSource source = ScriptedByteSource.inPieces(frame('d', big), 4096);
        FrameDecoder decoder = FrameDecoder.of(source);

        assertArrayEquals(big, decoder.next(Long.MAX_VALUE).copyPayload());
        assertTrue(source.reads() >= MIB / 4096);
        // Doubling gives about 2 MiB of buffers in total; a new buffer on every 4 KiB read would be ~270 MiB.
        assertTrue(source.allocatedBytes() <= 8L * MIB, "allocated " + source.allocatedBytes() + " bytes of buffers");
    }

    @Test
    void hostileDeclaredLengthDoesNotAllocateIt() {
        byte[] tenBytes = concat(header('d', 100 * MIB), Wire.ascii("12345"));
        ScriptedByteSource source = ScriptedByteSource.of(tenBytes);
        FrameDecoder decoder = FrameDecoder.of(source);

        TruncatedFrameException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(TruncatedFrameException.class, () -> decoder.next(Long.MAX_VALUE)));

        assertEquals('d', e.tag());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("after 10 of " + (1 + 100 * MIB) + " bytes"), e.getMessage());
        assertTrue(source.maxCapacity() <= FrameDecoder.DEFAULT_CHUNK_SIZE, "largest buffer " + source.maxCapacity());
    }

    @Test
    void hostileDeclaredLengthGrowsOnlyWithTheBytesThatArrive() {
        int sent = 300 * 1024;
        byte[] stream = concat(header('d', 100 * MIB), new byte[sent]);
        ScriptedByteSource source = ScriptedByteSource.inPieces(stream, 8192);
        FrameDecoder decoder = FrameDecoder.of(source);

        TruncatedFrameException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(TruncatedFrameException.class, () -> decoder.next(Long.MAX_VALUE)));

        assertEquals(0, e.offset());
        assertTrue(source.maxCapacity() <= 2 * (sent + 5) + FrameDecoder.DEFAULT_CHUNK_SIZE,
                "largest buffer " + source.maxCapacity());
        assertTrue(source.allocatedBytes() <= 8L * sent, "allocated " + source.allocatedBytes());
    }
}
