package io.walstream.codec;

import static io.walstream.codec.Wire.ascii;
import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionClosedException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Whole, multiple, partial and header-only frames: the seed's basic drain-loop cases. */
class FrameDecoderBasicsTest {

    @Test
    void singleFrameIsReturnedWithItsPayload() {
        ScriptedByteSource source = ScriptedByteSource.of(frame('d', "hello"));
        FrameDecoder decoder = FrameDecoder.of(source);

        Frame f = decoder.next(Long.MAX_VALUE);

        assertEquals('d', f.tag());
        assertArrayEquals(ascii("hello"), f.copyPayload());
        assertEquals(5, f.payloadLength());
        assertEquals(0, f.streamOffset());
        assertEquals(0, decoder.pendingFrames());
        assertEquals(1, decoder.framesDecoded());
        assertEquals(10, decoder.bytesRead());
        assertEquals(10, decoder.offset());
    }

    @Test
    void multipleFramesInOneReadAreAllReturnedInOrder() {
        ScriptedByteSource source = ScriptedByteSource.of(concat(frame('d', "abc"), frame('d', "defgh")));
        FrameDecoder decoder = FrameDecoder.of(source);

        Frame first = decoder.next(Long.MAX_VALUE);
        assertEquals(1, decoder.pendingFrames());
        Frame second = decoder.next(Long.MAX_VALUE);

        assertArrayEquals(ascii("abc"), first.copyPayload());
        assertArrayEquals(ascii("defgh"), second.copyPayload());
        assertEquals(0, first.streamOffset());
        assertEquals(8, second.streamOffset());
        assertEquals(1, source.reads());
    }

    @Test
    void partialFrameWaitsForTheRestOfItsBytes() {
        byte[] second = frame('d', "0123456789");
        ScriptedByteSource source = ScriptedByteSource.of(
                concat(frame('d', "abc"), java.util.Arrays.copyOf(second, 9)),
                java.util.Arrays.copyOfRange(second, 9, second.length));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertArrayEquals(ascii("abc"), decoder.next(Long.MAX_VALUE).copyPayload());
        assertEquals(0, decoder.pendingFrames());
        assertEquals(1, source.reads());
        assertArrayEquals(ascii("0123456789"), decoder.next(Long.MAX_VALUE).copyPayload());
        assertEquals(2, source.reads());
    }

    @Test
    void headerOnlyIsNotAFrameUntilTheBodyArrives() {
        ScriptedByteSource source = new ScriptedByteSource()
                .chunk(Wire.header('d', 4 + 100))
                .timeout()
                .chunk(new byte[100]);
        FrameDecoder decoder = FrameDecoder.of(source);

        assertNull(decoder.next(0), "five header bytes alone are not a frame");
        assertEquals(0, decoder.offset());
        assertNull(decoder.next(0));
        Frame f = decoder.next(0);
        assertEquals(100, f.payloadLength());
        assertEquals(3, source.reads());
    }

    @Test
    void emptyPayloadFrameIsReturned() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(frame('d', new byte[0])));

        Frame f = decoder.next(Long.MAX_VALUE);

        assertEquals(0, f.payloadLength());
        assertEquals(0, f.payload().remaining());
    }

    @Test
    void emptyStreamIsAConnectionClosed() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of());

        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals(0, e.offset());
        assertEquals(0, decoder.framesDecoded());
    }

    @Test
    void startupAndQueryMessagesAreReturnedByTheSameDecoder() {
        byte[] auth = frame('R', Wire.hex("00000000"));
        byte[] param = frame('S', concat(ascii("server_version"), new byte[1], ascii("16.2"), new byte[1]));
        byte[] key = frame('K', Wire.hex("0000002a 01020304"));
        byte[] ready = frame('Z', "I");
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(auth, param, key, ready)));

        assertEquals('R', decoder.next(Long.MAX_VALUE).tag());
        assertEquals('S', decoder.next(Long.MAX_VALUE).tag());
        Frame k = decoder.next(Long.MAX_VALUE);
        assertEquals('K', k.tag());
        assertEquals(42, k.payload().getInt());
        Frame z = decoder.next(Long.MAX_VALUE);
        assertEquals('Z', z.tag());
        assertEquals('I', z.payloadByte(0));
        assertEquals(4, decoder.framesDecoded());
    }

    @Test
    void payloadIsAReadOnlyBigEndianView() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(frame('d', Wire.hex("00000102"))));

        ByteBuffer p = decoder.next(Long.MAX_VALUE).payload();

        assertTrue(p.isReadOnly());
        assertEquals(0, p.position());
        assertEquals(4, p.limit());
        assertEquals(258, p.getInt());
    }
}
