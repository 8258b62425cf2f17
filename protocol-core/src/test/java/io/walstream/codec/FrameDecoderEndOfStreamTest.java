package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionClosedException;
import io.walstream.TransportException;
import io.walstream.TruncatedFrameException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** End of stream between frames, inside a frame, and I/O failures of the source. */
class FrameDecoderEndOfStreamTest {

    @Test
    void endOfStreamBetweenFramesIsConnectionClosed() {
        byte[] f = frame('d', "abc");
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(f));
        decoder.next(Long.MAX_VALUE);

        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals(ConnectionClosedException.class, e.getClass());
        assertEquals(f.length, e.offset());
        assertTrue(e.isTransient());
        assertEquals(FrameDecoder.State.END_OF_STREAM, decoder.state());
    }

    @Test
    void endOfStreamInsideABodyIsTruncatedWithTheFrameOffset() {
        byte[] first = frame('d', "abc");
        byte[] cut = Arrays.copyOf(frame('w', "0123456789"), 9);
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(first, cut)));

        assertEquals('d', decoder.next(Long.MAX_VALUE).tag());
        TruncatedFrameException e = assertThrows(TruncatedFrameException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('w', e.tag());
        assertEquals(first.length, e.offset());
        assertEquals("77 00 00 00 0e 30 31 32 33", e.hexExcerpt());
        assertTrue(e.getMessage().contains("after 9 of 15 bytes"), e.getMessage());
        assertTrue(e.isTransient());
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
        assertSame(e, assertThrows(TruncatedFrameException.class, () -> decoder.next(Long.MAX_VALUE)));
    }

    @Test
    void endOfStreamInsideAHeaderIsTruncated() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(Wire.hex("64 00 00")));

        TruncatedFrameException e = assertThrows(TruncatedFrameException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals('d', e.tag());
        assertEquals(0, e.offset());
        assertEquals("64 00 00", e.hexExcerpt());
    }

    @Test
    void ioExceptionBecomesTransportExceptionWithCause() {
        IOException boom = new IOException("connection reset");
        ScriptedByteSource source = ScriptedByteSource.of(frame('d', "ok")).fail(boom);
        FrameDecoder decoder = FrameDecoder.of(source);
        decoder.next(Long.MAX_VALUE);

        TransportException e = assertThrows(TransportException.class, () -> decoder.next(Long.MAX_VALUE));

        assertSame(boom, e.getCause());
        assertFalse(e instanceof ConnectionClosedException);
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("offset 7"), e.getMessage());
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
        assertSame(e, assertThrows(TransportException.class, () -> decoder.next(0)));
        assertEquals(2, source.reads());
    }

    @Test
    void framesBeforeAnIoFailureAreDeliveredFirst() {
        ScriptedByteSource source = ScriptedByteSource.of(concat(frame('d', "1"), frame('d', "2")))
                .fail(new IOException("broken pipe"));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertEquals('1', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertEquals('2', decoder.next(Long.MAX_VALUE).payloadByte(0));
        Throwable cause = assertThrows(TransportException.class, () -> decoder.next(Long.MAX_VALUE)).getCause();
        assertInstanceOf(IOException.class, cause);
    }
}
