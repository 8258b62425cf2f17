package io.walstream.snapshot;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SnapshotCheckpointStore} in memory.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
final class MemoryCheckpointStore implements SnapshotCheckpointStore {
    private final Map<String, SnapshotCheckpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<SnapshotCheckpoint> load(String slotName) {
        return Optional.ofNullable(checkpoints.get(slotName));
    }

    @Override
    public void save(SnapshotCheckpoint checkpoint) {
        checkpoints.put(checkpoint.slotName(), checkpoint);
    }
}
