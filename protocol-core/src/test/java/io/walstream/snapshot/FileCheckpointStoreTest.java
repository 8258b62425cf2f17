package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.WalstreamException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {

    @Test
    void savesAndLoadsAndReplaces(@TempDir Path dir) {
        SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir.resolve("state"));
        assertEquals(Optional.empty(), store.load("cdc"));
        store.save(new SnapshotCheckpoint("cdc", null, false));
        assertEquals(new SnapshotCheckpoint("cdc", null, false), store.load("cdc").orElseThrow());
        store.save(new SnapshotCheckpoint("cdc", Lsn.parse("0/16B3748"), true));
        assertEquals(new SnapshotCheckpoint("cdc", Lsn.parse("0/16B3748"), true),
                SnapshotCheckpointStore.inDirectory(dir.resolve("state")).load("cdc").orElseThrow());
        assertEquals(Optional.empty(), store.load("other"));
    }

    @Test
    void damagedFilesAndBadSlotNamesAreRefused(@TempDir Path dir) throws Exception {
        SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir);
        Files.writeString(dir.resolve("cdc.snapshot"), "slot=other\ncomplete=true\n");
        WalstreamException e = assertThrows(WalstreamException.class, () -> store.load("cdc"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        Files.writeString(dir.resolve("cdc.snapshot"), "slot=cdc\nconsistent_point=nope\ncomplete=false\n");
        assertThrows(WalstreamException.class, () -> store.load("cdc"));
        assertThrows(IllegalArgumentException.class, () -> store.load("../escape"));
    }

    @Test
    void memoryStoreKeepsTheLastCheckpointPerSlot() {
        SnapshotCheckpointStore store = SnapshotCheckpointStore.inMemory();
        store.save(new SnapshotCheckpoint("a", null, false));
        store.save(new SnapshotCheckpoint("a", null, true));
        assertTrue(store.load("a").orElseThrow().complete());
    }

    @Test
    void completedTablesRoundTripWithAwkwardNames(@TempDir Path dir) {
        SnapshotCheckpointStore store = SnapshotCheckpointStore.inDirectory(dir);
        SnapshotCheckpoint c = new SnapshotCheckpoint("cdc", Lsn.parse("0/16B3748"), false)
                .withTableDone("public.orders").withTableDone("odd schema.a=b\\c\nd\re");
        store.save(c);
        SnapshotCheckpoint back = store.load("cdc").orElseThrow();
        assertEquals(c, back);
        assertEquals(java.util.Set.of("public.orders", "odd schema.a=b\\c\nd\re"), back.tablesDone());
        assertTrue(back.completed().complete());
        assertEquals(back.tablesDone(), back.completed().tablesDone());
    }
}
