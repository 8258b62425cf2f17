package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.Lsn;
import org.junit.jupiter.api.Test;

/** The reading thread's received position: the {@code long} form behaves as the {@code Lsn} form. */
class FeedbackPositionsReaderTest {

    @Test
    void longFormIsMonotonicAndUnsigned() {
        FeedbackPositions p = new FeedbackPositions();

        p.receivedByReader(0x10L);
        assertEquals(Lsn.of(0x10), p.received());
        p.receivedByReader(0x08L);
        assertEquals(Lsn.of(0x10), p.received(), "never moved backwards");
        p.receivedByReader(0x8000_0000_0000_0000L);
        assertEquals(Lsn.of(0x8000_0000_0000_0000L), p.received(), "compared unsigned");
        p.receivedByReader(Lsn.of(0x20));
        assertEquals(Lsn.of(0x8000_0000_0000_0000L), p.received());
        assertEquals(Lsn.of(0x8000_0000_0000_0000L), p.statusUpdate(0, false).written());
    }

    @Test
    void receivedIsTheLaterOfReaderAndOtherThreads() {
        FeedbackPositions p = new FeedbackPositions();

        p.receivedByReader(0x30L);
        p.received(Lsn.of(0x20));
        assertEquals(Lsn.of(0x30), p.received());
        p.flushed(Lsn.of(0x40));
        assertEquals(Lsn.of(0x40), p.received());
        assertEquals(Lsn.of(0x40), p.flushed());
    }
}
