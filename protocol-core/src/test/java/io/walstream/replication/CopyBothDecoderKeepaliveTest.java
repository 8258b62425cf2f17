package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.codec.Frame;
import io.walstream.codec.Wire;
import org.junit.jupiter.api.Test;

/** PrimaryKeepalive ({@code k}) decoded from a CopyData payload. */
class CopyBothDecoderKeepaliveTest {

    @Test
    void decodesKeepaliveWithReplyRequested() {
        byte[] p = Wire.hex("6b 00000000016B3F28 0002B6C15A3E0F00 01");

        PrimaryKeepalive k = assertInstanceOf(PrimaryKeepalive.class, CopyBothDecoder.decode(Frame.of('d', p)));

        assertEquals(Lsn.parse("0/16B3F28"), k.walEnd());
        assertEquals(0x0002B6C15A3E0F00L, k.sendTimeMicros());
        assertTrue(k.replyRequested());
        assertEquals("PrimaryKeepalive walEnd=0/16B3F28 sendTime=" + 0x0002B6C15A3E0F00L + " reply=true", k.describe());
    }

    @Test
    void decodesKeepaliveWithoutReply() {
        byte[] p = Wire.hex("6b 0000000000000000 0000000000000001 00");

        PrimaryKeepalive k = (PrimaryKeepalive) CopyBothDecoder.decode(Frame.of('d', p));

        assertEquals(Lsn.INVALID, k.walEnd());
        assertEquals(1L, k.sendTimeMicros());
        assertFalse(k.replyRequested());
    }
}
