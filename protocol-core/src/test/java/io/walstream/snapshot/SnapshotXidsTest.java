package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnapshotXidsTest {

    @Test
    void visibilityFollowsXminXmaxAndInProgressList() {
        SnapshotXids s = SnapshotXids.parse("100:110:102,105");
        assertTrue(s.isVisible(99));
        assertTrue(s.isVisible(101));
        assertFalse(s.isVisible(102));
        assertTrue(s.isVisible(104));
        assertFalse(s.isVisible(105));
        assertFalse(s.isVisible(110));
        assertFalse(s.isVisible(200));
        assertTrue(SnapshotXids.parse("7:7:").isVisible(6));
    }

    @Test
    void thirtyTwoBitXidsAreWidenedToTheSnapshotsEpoch() {
        long epoch2 = 2L << 32;
        SnapshotXids s = SnapshotXids.parse((epoch2 + 5) + ":" + (epoch2 + 10) + ":" + (epoch2 + 6));
        assertEquals(epoch2 + 6, s.widen(6));
        assertFalse(s.isVisible(6));
        assertTrue(s.isVisible(7));
        // an xid just before the epoch boundary belongs to the previous epoch
        assertEquals(epoch2 - 3, s.widen(-3));
        assertTrue(s.isVisible(-3));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotXids.parse("1:2"));
    }
}
