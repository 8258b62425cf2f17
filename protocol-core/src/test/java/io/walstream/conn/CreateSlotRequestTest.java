package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Options of the wrong slot kind are refused when the request is built. */
class CreateSlotRequestTest {

    @Test
    void defaults() {
        CreateSlotRequest l = CreateSlotRequest.logical("a", "pgoutput");
        assertEquals(SlotType.LOGICAL, l.type());
        assertEquals("pgoutput", l.plugin());
        assertNull(l.snapshot());
        assertFalse(l.temporary() || l.twoPhase() || l.failover() || l.reserveWal());
        CreateSlotRequest p = CreateSlotRequest.physical("b");
        assertEquals(SlotType.PHYSICAL, p.type());
        assertNull(p.plugin());
        assertFalse(p.temporary() || p.twoPhase() || p.failover() || p.reserveWal());
    }

    @Test
    void withersCopy() {
        CreateSlotRequest l = CreateSlotRequest.logical("a", "pgoutput").withTemporary(true)
                .withSnapshot(SnapshotAction.USE).withTwoPhase(true).withFailover(true);
        assertTrue(l.temporary() && l.twoPhase() && l.failover());
        assertEquals(SnapshotAction.USE, l.snapshot());
        assertTrue(CreateSlotRequest.physical("b").withReserveWal(true).reserveWal());
    }

    @Test
    void physicalRejectsLogicalOptions() {
        CreateSlotRequest p = CreateSlotRequest.physical("b");
        for (SnapshotAction a : SnapshotAction.values()) {
            assertThrows(IllegalArgumentException.class, () -> p.withSnapshot(a));
        }
        assertThrows(IllegalArgumentException.class, () -> p.withTwoPhase(true));
        assertThrows(IllegalArgumentException.class, () -> p.withFailover(true));
        assertThrows(IllegalArgumentException.class,
                () -> new CreateSlotRequest("b", SlotType.PHYSICAL, "pgoutput", false, null, false, false, false));
    }

    @Test
    void logicalRejectsReserveWal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CreateSlotRequest.logical("a", "pgoutput").withReserveWal(true));
        assertTrue(e.getMessage().contains("RESERVE_WAL"), e.getMessage());
    }

    @Test
    void requiredParts() {
        assertThrows(NullPointerException.class, () -> CreateSlotRequest.logical("a", null));
        assertThrows(NullPointerException.class, () -> CreateSlotRequest.logical(null, "pgoutput"));
        assertThrows(NullPointerException.class, () -> CreateSlotRequest.physical(null));
        assertThrows(NullPointerException.class,
                () -> new CreateSlotRequest("a", null, null, false, null, false, false, false));
    }
}
