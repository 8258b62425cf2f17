package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.codec.Frame;
import io.walstream.codec.Wire;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** XLogData ({@code w}) decoded from a CopyData payload. */
class CopyBothDecoderXLogDataTest {

    private static final byte[] XLOG = Wire.concat(Wire.hex("77"
            + "00000000 016B3F28"      // walStart 0/16B3F28
            + "00000001 016B3F60"      // walEnd 1/16B3F60
            + "0002B6C1 5A3E1200"),    // sendTime
            Wire.ascii("BEGIN"));

    @Test
    void decodesEveryField() {
        ReplicationMessage m = CopyBothDecoder.decode(new Frame((byte) 'd', XLOG, 0, XLOG.length, 40));

        XLogData x = assertInstanceOf(XLogData.class, m);
        assertEquals(Lsn.parse("0/16B3F28"), x.walStart());
        assertEquals(Lsn.parse("1/16B3F60"), x.walEnd());
        assertEquals(0x0002B6C15A3E1200L, x.sendTimeMicros());
        assertArrayEquals(Wire.ascii("BEGIN"), Wire.bytes(x.data()));
        assertEquals("XLogData walStart=0/16B3F28 walEnd=1/16B3F60 sendTime=" + 0x0002B6C15A3E1200L + " len=5",
                x.describe());
    }

    @Test
    void dataIsAReadOnlyViewStartingAtZero() {
        XLogData x = (XLogData) CopyBothDecoder.decode(Frame.of('d', XLOG));

        ByteBuffer data = x.data();
        assertEquals(0, data.position());
        assertEquals(5, data.remaining());
        assertTrue(data.isReadOnly());
        data.get();
        assertEquals(5, x.data().remaining(), "each data() call is a fresh view");
    }

    @Test
    void headerOnlyXLogDataHasEmptyData() {
        byte[] header = java.util.Arrays.copyOf(XLOG, 25);
        XLogData x = (XLogData) CopyBothDecoder.decode(Frame.of('d', header));

        assertEquals(0, x.data().remaining());
    }

    @Test
    void unsignedPositionsSurvive() {
        byte[] p = Wire.hex("77 ffffffff ffffffff 80000000 00000000 ffffffffffffffff");
        XLogData x = (XLogData) CopyBothDecoder.decode(Frame.of('d', p));

        assertEquals("FFFFFFFF/FFFFFFFF", x.walStart().toString());
        assertEquals("80000000/0", x.walEnd().toString());
        assertEquals(-1L, x.sendTimeMicros());
    }
}
