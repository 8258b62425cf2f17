package io.walstream.snapshot;

import io.walstream.Lsn;
import java.util.Objects;

/**
 * What {@link InitialSnapshot} records about a slot's initial snapshot in a {@link SnapshotCheckpointStore}: that
 * it started (saved before the slot is created) and whether it completed.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotName the slot
 * @param consistentPoint the slot's consistent point, or {@code null} before the slot was created
 * @param complete whether every row of the snapshot was handed to the handler
 */
public record SnapshotCheckpoint(String slotName, Lsn consistentPoint, boolean complete) {

    public SnapshotCheckpoint {
        Objects.requireNonNull(slotName, "slotName");
    }
}
