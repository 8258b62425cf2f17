package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.fields;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.walstream.codec.Wire.Decoded;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Frames split at every byte boundary, and delivered one byte at a time, decode to the same frames. */
class FrameDecoderSplitTest {

    private static final byte[] A = frame('d', "first payload");
    private static final byte[] NOTICE = frame('N', fields("SNOTICE", "C00000", "Mhello"));
    private static final byte[] B = frame('d', new byte[0]);
    private static final byte[] UNKNOWN = frame('X', "skip me");
    private static final byte[] C = frame('D', Wire.hex("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01"));
    private static final byte[] DONE = frame('c', new byte[0]);
    private static final byte[] D = frame('Z', "I");
    private static final byte[] STREAM = concat(A, NOTICE, B, UNKNOWN, C, DONE, D);

    /** Written out by hand from the bytes above, not computed by a decoder. */
    private static List<Decoded> expected() {
        long offB = A.length + NOTICE.length;
        long offC = offB + B.length + UNKNOWN.length;
        long offDone = offC + C.length;
        long offD = offDone + DONE.length;
        return List.of(
                new Decoded('d', "6669727374207061796c6f6164", 0),
                new Decoded('d', "", offB),
                new Decoded('D', "00112233445566778899aabbccddeeff01", offC),
                new Decoded('c', "", offDone),
                new Decoded('Z', "49", offD));
    }

    @Test
    void wholeStreamInOneRead() {
        assertEquals(expected(), Wire.decodeAll(FrameDecoder.of(ScriptedByteSource.of(STREAM))));
    }

    @TestFactory
    Stream<DynamicTest> splitAtEveryByteBoundary() {
        return IntStream.rangeClosed(0, STREAM.length).mapToObj(k -> dynamicTest("split at byte " + k, () -> {
            ScriptedByteSource source = ScriptedByteSource.of(
                    Arrays.copyOfRange(STREAM, 0, k), Arrays.copyOfRange(STREAM, k, STREAM.length));
            FrameDecoder decoder = FrameDecoder.of(source);

            assertEquals(expected(), Wire.decodeAll(decoder));
            assertEquals(1, decoder.notices());
            assertEquals(1, decoder.framesSkipped());
            assertEquals(STREAM.length, decoder.bytesRead());
        }));
    }

    @TestFactory
    Stream<DynamicTest> splitAtEveryByteBoundaryWithSmallChunks() {
        return IntStream.rangeClosed(0, STREAM.length).mapToObj(k -> dynamicTest("split at byte " + k, () -> {
            ScriptedByteSource source = ScriptedByteSource.of(
                    Arrays.copyOfRange(STREAM, 0, k), Arrays.copyOfRange(STREAM, k, STREAM.length));
            FrameDecoder decoder = FrameDecoder.builder(source).chunkSize(64).build();

            assertEquals(expected(), Wire.decodeAll(decoder));
        }));
    }

    @Test
    void oneByteAtATime() {
        ScriptedByteSource source = ScriptedByteSource.inPieces(STREAM, 1);
        FrameDecoder decoder = FrameDecoder.of(source);

        assertEquals(expected(), Wire.decodeAll(decoder));
        assertEquals(STREAM.length + 1, source.reads(), "one read per byte plus the end of stream");
    }

    @Test
    void oneByteAtATimeWithTimeoutsBetween() {
        ScriptedByteSource source = new ScriptedByteSource();
        for (byte b : STREAM) {
            source.chunk(new byte[] {b}).timeout();
        }
        FrameDecoder decoder = FrameDecoder.builder(source).chunkSize(64).build();

        List<Decoded> got = new java.util.ArrayList<>();
        while (true) {
            Frame f;
            try {
                f = decoder.next(0);
            } catch (io.walstream.ConnectionClosedException e) {
                break;
            }
            if (f != null) {
                got.add(Decoded.of(f));
            }
        }
        assertEquals(expected(), got);
    }
}
