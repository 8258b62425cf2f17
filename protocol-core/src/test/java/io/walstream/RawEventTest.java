package io.walstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RawEventTest {

    @Test
    void exposesPositionsAndACopyOfThePayload() {
        byte[] commit = PgWire.commit(0x5000, 0x5010, 2);
        XLogData x = new XLogData(Lsn.of(0x5010), Lsn.of(0x6000), 42, ByteBuffer.wrap(commit));
        RawEvent e = new RawEvent(x, 'C', false, Lsn.of(0x5010));
        assertEquals(Lsn.of(0x5010), e.walStart());
        assertEquals(Lsn.of(0x6000), e.walEnd());
        assertEquals(42, e.serverTimeMicros());
        assertArrayEquals(commit, e.payloadBytes());
        assertTrue(e.payload().isReadOnly());
        assertEquals('C', e.payload().get(0));
        assertTrue(e.isCommitLike());
        assertFalse(new RawEvent(x, 'I', true, null).isCommitLike());
    }
}
