package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.Lsn;
import io.walstream.codec.Wire;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** StandbyStatusUpdate ({@code r}) encodes to an exact CopyData message. */
class StandbyStatusUpdateTest {

    @Test
    void encodesExactBytes() {
        StandbyStatusUpdate u = new StandbyStatusUpdate(Lsn.parse("0/16B3F28"), Lsn.parse("0/16B3F00"),
                Lsn.parse("0/16B3E00"), 0x0002B6C15A3E0F00L, false);

        ByteBuffer b = u.encode();

        assertEquals(0, b.position());
        assertArrayEquals(Wire.hex("64 00000026 72"
                + "00000000016B3F28"
                + "00000000016B3F00"
                + "00000000016B3E00"
                + "0002B6C15A3E0F00"
                + "00"), Wire.bytes(b));
    }

    @Test
    void replyRequestedAndUnsignedPositions() {
        StandbyStatusUpdate u = new StandbyStatusUpdate(Lsn.of(-1L), Lsn.INVALID, Lsn.parse("80000000/1"), -1L, true);

        assertArrayEquals(Wire.hex("64 00000026 72"
                + "ffffffffffffffff"
                + "0000000000000000"
                + "8000000000000001"
                + "ffffffffffffffff"
                + "01"), Wire.bytes(u.encode()));
    }
}
