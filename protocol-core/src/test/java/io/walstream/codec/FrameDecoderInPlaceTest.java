package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionClosedException;
import io.walstream.ServerErrorException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameDecoder#parseCopyDataInPlace}: CopyData parsed when reached gives the same frames, offsets, notices,
 * CopyDone and errors in the same order as the queued mode, whatever the read chunking, and
 * {@link FrameDecoder#hasBufferedFrame()} promises only frames that need no read.
 */
class FrameDecoderInPlaceTest {

    /** A stream of CopyData of many sizes with notices, a keepalive-like other tag and a CopyDone among them. */
    private static byte[] stream(long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 400; i++) {
            int kind = rnd.nextInt(40);
            if (kind == 0) {
                out.writeBytes(frame('N', Wire.fields("SNOTICE", "C00000", "Mnote " + i)));
            } else if (kind == 1) {
                out.writeBytes(frame('S', "param" + i));
            } else if (i == 300) {
                out.writeBytes(frame('c', new byte[0]));
            } else {
                byte[] p = new byte[rnd.nextInt(kind == 2 ? 5000 : 300)];
                rnd.nextBytes(p);
                out.writeBytes(frame('d', p));
            }
        }
        return out.toByteArray();
    }

    /** Reads like a CopyBoth reader: the buffered fast path first, else advance; records every frame. */
    private static List<String> readAll(FrameDecoder d, boolean checkNoIo) {
        List<String> seen = new ArrayList<>();
        while (true) {
            boolean promised = d.hasBufferedFrame();
            long before = d.bytesRead();
            int tag;
            try {
                tag = d.advanceBufferedCopyData() ? 'd' : d.advance(Long.MAX_VALUE);
            } catch (ConnectionClosedException e) {
                assertFalse(promised, "a promised frame was not delivered");
                seen.add("end " + d.notices() + " notices, copyDone " + d.copyDoneReceived());
                return seen;
            }
            if (checkNoIo && promised) {
                assertEquals(before, d.bytesRead(), "hasBufferedFrame promised a frame without a read");
            }
            byte[] payload = Arrays.copyOfRange(d.currentArray(), d.currentOffset(),
                    d.currentOffset() + d.currentLength());
            seen.add((char) tag + "@" + d.currentStreamOffset() + ":" + Arrays.hashCode(payload) + "/"
                    + payload.length);
        }
    }

    @Test
    void sameFramesInTheSameOrderAsQueuedWhateverTheChunking() {
        for (long seed = 1; seed <= 3; seed++) {
            byte[] data = stream(seed);
            List<String> queued = readAll(FrameDecoder.of(ScriptedByteSource.of(data)), false);
            assertTrue(queued.size() > 350, "frames read: " + queued.size());
            for (int piece : new int[] {1, 3, 5, 17, 512, 4096, 65536}) {
                FrameDecoder d = FrameDecoder.of(ScriptedByteSource.inPieces(data, piece));
                d.parseCopyDataInPlace(true);
                assertEquals(queued, readAll(d, true), "seed " + seed + ", pieces of " + piece);
                FrameDecoder q = FrameDecoder.of(ScriptedByteSource.inPieces(data, piece));
                assertEquals(queued, readAll(q, false), "queued, seed " + seed + ", pieces of " + piece);
            }
        }
    }

    @Test
    void anErrorComesAfterTheCopyDataBeforeIt() {
        byte[] error = frame('E', Wire.fields("SERROR", "C57P01", "Mterminating"));
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "a"), frame('d', "b"),
                frame('d', "c"), error, frame('d', "never"))));
        d.parseCopyDataInPlace(true);
        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertEquals(0, d.pendingFrames(), "in place: nothing queued ahead");
        assertTrue(d.hasBufferedFrame());
        assertTrue(d.advanceBufferedCopyData());
        assertTrue(d.advanceBufferedCopyData());
        assertEquals('c', d.currentArray()[d.currentOffset()]);
        assertFalse(d.advanceBufferedCopyData(), "the error is left for advance");
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.advance(0));
        assertEquals("57P01", e.error().sqlState());
    }

    @Test
    void aMalformedCopyDataIsLeftForAdvanceWhichRejectsIt() {
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "ok"),
                Wire.header('d', 2), new byte[8])));
        d.parseCopyDataInPlace(true);
        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertFalse(d.advanceBufferedCopyData());
        assertEquals("ok", new String(d.currentArray(), d.currentOffset(), d.currentLength(),
                java.nio.charset.StandardCharsets.US_ASCII), "a refused move leaves the cursor");
        assertThrows(io.walstream.MalformedFrameException.class, () -> d.advance(0));
    }
}
