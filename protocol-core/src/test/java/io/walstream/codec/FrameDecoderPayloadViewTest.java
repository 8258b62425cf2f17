package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Handed-out payload views are never overwritten by later reads. */
class FrameDecoderPayloadViewTest {

    @Test
    void earlyPayloadsStayUnchangedAfterManyLaterReads() {
        Random random = new Random(42);
        List<byte[]> payloads = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            byte[] p = new byte[10 + random.nextInt(50)];
            random.nextBytes(p);
            payloads.add(p);
            stream.writeBytes(frame('d', p));
        }
        ScriptedByteSource source = ScriptedByteSource.inPieces(stream.toByteArray(), 37);
        FrameDecoder decoder = FrameDecoder.builder(source).chunkSize(64).build();

        List<Frame> frames = new ArrayList<>();
        List<ByteBuffer> viewsTakenEarly = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Frame f = decoder.next(Long.MAX_VALUE);
            frames.add(f);
            viewsTakenEarly.add(f.payload());
        }

        assertTrue(decoder.bytesRead() > 10 * 64, "read " + decoder.bytesRead() + " bytes through 64-byte chunks");
        assertTrue(source.reads() > 20);
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), frames.get(i).copyPayload(), "frame " + i);
            assertArrayEquals(payloads.get(i), Wire.bytes(viewsTakenEarly.get(i)), "view of frame " + i);
        }
    }

    @Test
    void viewsAreIndependentOfEachOther() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "abc"), frame('d', "xyz"))));
        Frame first = decoder.next(0);
        Frame second = decoder.next(0);

        ByteBuffer v1 = first.payload();
        ByteBuffer v2 = first.payload();
        v1.get();
        v1.get();

        assertEquals(0, v2.position());
        assertEquals(3, v2.remaining());
        assertEquals('x', second.payload().get());
        assertEquals('c', v1.get());
        assertEquals(0, v1.remaining(), "a view ends at its own payload, not in the next frame");
    }
}
