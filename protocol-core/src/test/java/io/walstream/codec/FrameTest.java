package io.walstream.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** {@link Frame}: a tag plus a bounded, read-only payload view. */
class FrameTest {

    @Test
    void ofCopiesThePayload() {
        byte[] payload = {1, 2, 3};
        Frame f = Frame.of('d', payload);
        payload[0] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, f.copyPayload());
        assertEquals(-1, f.streamOffset());
        assertEquals("Frame d len=7", f.describe());
    }

    @Test
    void viewCoversOnlyItsSlice() {
        byte[] backing = {0, 0, 10, 20, 30, 0};
        Frame f = new Frame((byte) 'd', backing, 2, 3, 100);

        ByteBuffer p = f.payload();
        assertEquals(3, p.remaining());
        assertEquals(10, p.get(0));
        assertEquals(30, f.payloadByte(2));
        assertThrows(IndexOutOfBoundsException.class, () -> f.payloadByte(3));
        assertThrows(IndexOutOfBoundsException.class, () -> f.payloadByte(-1));
        assertThrows(ReadOnlyBufferException.class, () -> p.put(0, (byte) 1));
        assertTrue(f.toString().contains("offset=100"));
    }

    @Test
    void rejectsASliceOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> new Frame((byte) 'd', new byte[4], 2, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new Frame((byte) 'd', new byte[4], -1, 1, 0));
    }

    @Test
    void tagIsUnsigned() {
        assertEquals(0xff, Frame.of((char) 0xff, new byte[0]).tag());
    }
}
