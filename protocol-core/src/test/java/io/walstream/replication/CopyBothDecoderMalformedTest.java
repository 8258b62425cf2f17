package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.MalformedFrameException;
import io.walstream.codec.Frame;
import io.walstream.codec.Wire;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads too short for their type, unknown types and non-CopyData frames are {@link MalformedFrameException}s. */
class CopyBothDecoderMalformedTest {

    private static MalformedFrameException decodeFails(Frame f) {
        return assertThrows(MalformedFrameException.class, () -> CopyBothDecoder.decode(f));
    }

    @ParameterizedTest(name = "XLogData of {0} bytes")
    @ValueSource(ints = {1, 9, 17, 24})
    void shortXLogData(int length) {
        byte[] p = Arrays.copyOf(new byte[] {'w'}, length);

        MalformedFrameException e = decodeFails(new Frame((byte) 'd', p, 0, p.length, 123));

        assertEquals('d', e.tag());
        assertEquals(123, e.offset());
        assertTrue(e.getMessage().contains("XLogData of " + length + " bytes"), e.getMessage());
        assertTrue(e.hexExcerpt().startsWith("77"), e.hexExcerpt());
    }

    @ParameterizedTest(name = "keepalive of {0} bytes")
    @ValueSource(ints = {1, 9, 17})
    void shortKeepalive(int length) {
        byte[] p = Arrays.copyOf(new byte[] {'k'}, length);

        MalformedFrameException e = decodeFails(Frame.of('d', p));

        assertTrue(e.getMessage().contains("keepalive of " + length + " bytes"), e.getMessage());
    }

    @Test
    void emptyCopyData() {
        assertTrue(decodeFails(Frame.of('d', new byte[0])).getMessage().contains("empty"));
    }

    @Test
    void unknownMessageType() {
        MalformedFrameException e = decodeFails(Frame.of('d', Wire.hex("78 0102")));

        assertTrue(e.getMessage().contains("'x' (0x78)"), e.getMessage());
        assertEquals("78 01 02", e.hexExcerpt());
    }

    @Test
    void standbyStatusUpdateIsNotAServerMessage() {
        assertThrows(MalformedFrameException.class, () -> CopyBothDecoder.decode(Frame.of('d', Wire.hex("72"))));
    }

    @Test
    void notCopyData() {
        MalformedFrameException e = decodeFails(Frame.of('Z', Wire.ascii("I")));

        assertEquals('Z', e.tag());
        assertTrue(e.getMessage().contains("is not CopyData"), e.getMessage());
    }
}
