package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ReplicationConfig;
import org.junit.jupiter.api.Test;

class SnapshotOptionsTest {

    private static ReplicationConfig.Builder builder() {
        return ReplicationConfig.builder("postgresql://cdc@localhost/app").slot("s").publications("p");
    }

    @Test
    void defaultIsNoSnapshot() {
        ReplicationConfig c = builder().build();
        assertSame(SnapshotMode.NONE, c.snapshotOptions().mode());
        assertEquals(1, c.snapshotOptions().workers());
    }

    @Test
    void initialNeedsASlotTheStreamCreates() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder().snapshot(SnapshotMode.INITIAL).build());
        assertTrue(e.getMessage().contains("createSlot(IF_MISSING)"), e.getMessage());
    }

    @Test
    void initialWithAPermanentSlotNeedsACheckpointStore() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder()
                .createSlot(ReplicationConfig.SlotCreation.IF_MISSING).snapshot(SnapshotMode.INITIAL).build());
        assertTrue(e.getMessage().contains("snapshotCheckpoints"), e.getMessage());
        ReplicationConfig ok = builder().createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                .snapshot(SnapshotMode.INITIAL).snapshotWorkers(3)
                .snapshotCheckpoints(SnapshotCheckpointStore.inMemory()).build();
        assertEquals(3, ok.snapshotOptions().workers());
        ReplicationConfig temporary = builder().createSlot(ReplicationConfig.SlotCreation.TEMPORARY)
                .snapshot(SnapshotMode.INITIAL).build();
        assertSame(SnapshotMode.INITIAL, temporary.snapshotOptions().mode());
    }

    @Test
    void workersAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> builder().snapshotWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> builder().snapshotWorkers(65));
    }

    @Test
    void initialSnapshotRefusesAConfigThatAlreadyAsksTheStream() {
        ReplicationConfig c = builder().createSlot(ReplicationConfig.SlotCreation.TEMPORARY)
                .snapshot(SnapshotMode.INITIAL).build();
        InitialSnapshot initial = InitialSnapshot.builder(c).checkpoints(SnapshotCheckpointStore.inMemory()).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> initial.run(row -> { }));
        assertTrue(e.getMessage().contains("snapshot(INITIAL)"), e.getMessage());
    }
}
