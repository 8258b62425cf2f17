package io.walstream.snapshot;

import io.walstream.ReplicationConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream-level snapshot settings of a {@link ReplicationConfig} ({@code snapshot(...)},
 * {@code snapshotWorkers(...)}, {@code snapshotCheckpoints(...)} on its builder).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param mode whether the stream copies the existing rows first
 * @param workers reader connections for the initial snapshot, 1 to 64
 * @param checkpoints where the initial snapshot records that it started and completed; {@code null} means an
 *        in-memory store, allowed only for a temporary slot (a permanent slot must survive a restart together
 *        with its checkpoint)
 * @param progressInterval how often the initial snapshot's progress is logged
 */
public record SnapshotOptions(SnapshotMode mode, int workers, SnapshotCheckpointStore checkpoints,
                              Duration progressInterval) {

    /** No snapshot, one worker. */
    public static final SnapshotOptions NONE = new SnapshotOptions(SnapshotMode.NONE, 1, null, Duration.ofSeconds(10));

    public SnapshotOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("snapshotWorkers must be 1..64, got " + workers);
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progressInterval must be positive");
        }
    }

    /** @param value the mode @return a copy with it */
    public SnapshotOptions withMode(SnapshotMode value) {
        return new SnapshotOptions(value, workers, checkpoints, progressInterval);
    }

    /** @param n the worker count @return a copy with it */
    public SnapshotOptions withWorkers(int n) {
        return new SnapshotOptions(mode, n, checkpoints, progressInterval);
    }

    /** @param store the checkpoint store @return a copy with it */
    public SnapshotOptions withCheckpoints(SnapshotCheckpointStore store) {
        return new SnapshotOptions(mode, workers, Objects.requireNonNull(store, "store"), progressInterval);
    }

    /** @param interval the progress log cadence @return a copy with it */
    public SnapshotOptions withProgressInterval(Duration interval) {
        return new SnapshotOptions(mode, workers, checkpoints, interval);
    }

    /**
     * Checks the options against the slot creation of the configuration that carries them.
     *
     * @param slotCreation how the stream gets its slot
     * @throws IllegalStateException if an initial snapshot cannot work with it
     */
    public void check(ReplicationConfig.SlotCreation slotCreation) {
        if (mode != SnapshotMode.INITIAL) {
            return;
        }
        if (slotCreation == ReplicationConfig.SlotCreation.NEVER) {
            throw new IllegalStateException("snapshot(INITIAL) needs a slot the stream creates itself (its exported"
                    + " snapshot is what is copied): configure createSlot(IF_MISSING) or createSlot(TEMPORARY)");
        }
        if (slotCreation == ReplicationConfig.SlotCreation.IF_MISSING && checkpoints == null) {
            throw new IllegalStateException("snapshot(INITIAL) with a permanent slot needs snapshotCheckpoints(store)"
                    + " (e.g. SnapshotCheckpointStore.inDirectory(dir)): it is how a restart tells an unfinished"
                    + " snapshot from a finished one");
        }
    }
}
