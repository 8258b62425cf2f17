package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.ConnectionClosedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Step 1 of the drain loop: a pending frame is returned without touching the source. */
class FrameDecoderPreQueuedTest {

    @Test
    void pendingFramesAreReturnedWithoutReading() {
        ScriptedByteSource source = ScriptedByteSource.of(concat(frame('d', "1"), frame('d', "2"), frame('d', "3")))
                .fail(new IOException("a read here would be a bug"));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertEquals('1', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertEquals(1, source.reads());
        assertEquals(2, decoder.pendingFrames());

        assertEquals('2', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertEquals('3', decoder.next(0).payloadByte(0));

        assertEquals(1, source.reads());
        assertEquals(0, decoder.pendingFrames());
    }

    @Test
    void pendingFramesAreReturnedEvenAfterEndOfStreamWasSeen() {
        ScriptedByteSource source = ScriptedByteSource.of(concat(frame('d', "1"), frame('d', "2")));
        FrameDecoder decoder = FrameDecoder.of(source);

        decoder.next(Long.MAX_VALUE);
        decoder.next(Long.MAX_VALUE);
        assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(FrameDecoder.State.END_OF_STREAM, decoder.state());
        int reads = source.reads();

        assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(reads, source.reads(), "no read after end of stream");
    }
}
