package io.walstream.snapshot;

import io.walstream.Lsn;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link InitialSnapshot} records about a slot's initial snapshot in a {@link SnapshotCheckpointStore}: that
 * it started (saved before the slot is created), which tables the consumer has received completely, and whether
 * it completed.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotName the slot
 * @param consistentPoint the slot's consistent point, or {@code null} before the slot was created
 * @param complete whether every row of the snapshot was handed to the handler
 * @param tablesDone the tables ({@code schema.name}) whose every row the consumer received, in name order
 */
public record SnapshotCheckpoint(String slotName, Lsn consistentPoint, boolean complete, Set<String> tablesDone) {

    public SnapshotCheckpoint {
        Objects.requireNonNull(slotName, "slotName");
        tablesDone = java.util.Collections.unmodifiableSet(new TreeSet<>(tablesDone));
    }

    /** Without completed tables. */
    public SnapshotCheckpoint(String slotName, Lsn consistentPoint, boolean complete) {
        this(slotName, consistentPoint, complete, Set.of());
    }

    /** @param table a table the consumer received completely @return a copy with it among the completed ones */
    public SnapshotCheckpoint withTableDone(String table) {
        Set<String> done = new TreeSet<>(tablesDone);
        done.add(table);
        return new SnapshotCheckpoint(slotName, consistentPoint, complete, done);
    }

    /** @return a copy marked complete */
    public SnapshotCheckpoint completed() {
        return new SnapshotCheckpoint(slotName, consistentPoint, true, tablesDone);
    }
}
