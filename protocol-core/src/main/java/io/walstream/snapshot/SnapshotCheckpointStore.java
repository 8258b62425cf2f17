package io.walstream.snapshot;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@link InitialSnapshot} keeps its {@link SnapshotCheckpoint}s, so that a restart after a crash can tell a
 * finished initial snapshot from an unfinished one. Keep it next to the consumer's own state (for example in the
 * same directory or database), so that the two survive together.
 *
 * <p><b>Thread safety:</b> implementations must be safe for use from one thread at a time; the built-in ones are
 * thread-safe.
 */
public interface SnapshotCheckpointStore {

    /**
     * @param slotName a slot
     * @return the last checkpoint saved for it, if any
     */
    Optional<SnapshotCheckpoint> load(String slotName);

    /**
     * Saves a checkpoint durably before returning (it replaces the slot's previous one).
     *
     * @param checkpoint the checkpoint
     */
    void save(SnapshotCheckpoint checkpoint);

    /**
     * @param directory a directory (created if missing); each slot gets one small file, replaced atomically
     * @return a store of files in {@code directory}
     */
    static SnapshotCheckpointStore inDirectory(Path directory) {
        return new FileCheckpointStore(directory);
    }

    /** @return a store that lives as long as this object (for tests and temporary slots) */
    static SnapshotCheckpointStore inMemory() {
        return new MemoryCheckpointStore();
    }
}
