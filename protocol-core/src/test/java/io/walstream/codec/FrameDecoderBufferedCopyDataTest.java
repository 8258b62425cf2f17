package io.walstream.codec;

import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ServerErrorException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code advanceBufferedCopyData} (the CopyBoth reader's fast path) and {@code currentArrayView}. */
class FrameDecoderBufferedCopyDataTest {

    private static byte[] current(FrameDecoder d) {
        return Arrays.copyOfRange(d.currentArray(), d.currentOffset(), d.currentOffset() + d.currentLength());
    }

    @Test
    void nothingBufferedLeavesTheCursorAndDoesNoIo() {
        ScriptedByteSource source = ScriptedByteSource.of(frame('d', "one"));
        FrameDecoder d = FrameDecoder.of(source);

        assertFalse(d.advanceBufferedCopyData(), "nothing parsed yet: no read is made");
        assertEquals(0, d.bytesRead());
        assertEquals(-1, d.currentTag());
        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertArrayEquals(Wire.ascii("one"), current(d));
    }

    @Test
    void movesOverBufferedCopyDataInStreamOrderWithOffsets() {
        byte[] a = frame('d', "alpha");
        byte[] b = frame('d', "beta");
        byte[] c = frame('d', "gamma");
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(a, b, c)));

        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertArrayEquals(Wire.ascii("alpha"), current(d));
        assertTrue(d.advanceBufferedCopyData());
        assertEquals('d', d.currentTag());
        assertArrayEquals(Wire.ascii("beta"), current(d));
        assertEquals(a.length, d.currentStreamOffset());
        assertTrue(d.advanceBufferedCopyData());
        assertArrayEquals(Wire.ascii("gamma"), current(d));
        assertEquals(a.length + b.length, d.currentStreamOffset());
        assertEquals(0, d.pendingFrames());
        assertFalse(d.advanceBufferedCopyData(), "the queue is empty");
        assertArrayEquals(Wire.ascii("gamma"), current(d), "a refused move leaves the cursor where it was");
    }

    @Test
    void anotherTagIsLeftForAdvance() {
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "x"), frame('c', new byte[0]),
                frame('d', "late"))));

        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertFalse(d.advanceBufferedCopyData(), "CopyDone is not CopyData");
        assertEquals('d', d.currentTag());
        assertArrayEquals(Wire.ascii("x"), current(d));
        assertEquals(2, d.pendingFrames());
        assertEquals('c', d.advance(0));
        assertTrue(d.copyDoneReceived());
        assertTrue(d.advanceBufferedCopyData());
        assertArrayEquals(Wire.ascii("late"), current(d));
    }

    @Test
    void aPendingErrorIsLeftForAdvance() {
        byte[] error = frame('E', Wire.fields("SERROR", "C57P01", "Mterminating"));
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "x"), error)));

        assertEquals('d', d.advance(Long.MAX_VALUE));
        assertFalse(d.advanceBufferedCopyData(), "the error stays for advance, in stream order");
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> d.advance(0));
        assertEquals("57P01", e.error().sqlState());
    }

    @Test
    void arrayViewIsAReadOnlyViewOfTheWholeCurrentArray() {
        FrameDecoder d = FrameDecoder.of(ScriptedByteSource.of(Wire.concat(frame('d', "first"), frame('d', "second"))));

        assertEquals('d', d.advance(Long.MAX_VALUE));
        ByteBuffer view = d.currentArrayView();
        assertTrue(view.isReadOnly());
        assertEquals(0, view.position());
        assertEquals(d.currentArray().length, view.capacity());
        ByteBuffer payload = view.slice(d.currentOffset(), d.currentLength());
        assertArrayEquals(Wire.ascii("first"), Wire.bytes(payload));
        assertTrue(d.advanceBufferedCopyData());
        assertSame(view, d.currentArrayView(), "one view per read chunk, shared by its frames");
        assertArrayEquals(Wire.ascii("second"), Wire.bytes(view.slice(d.currentOffset(), d.currentLength())));
    }
}
