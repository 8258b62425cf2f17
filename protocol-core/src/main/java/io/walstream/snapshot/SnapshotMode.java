package io.walstream.snapshot;

/**
 * Whether a {@link io.walstream.LogicalReplicationStream} copies the existing rows before it streams changes
 * ({@code ReplicationConfig.builder(...).snapshot(SnapshotMode.INITIAL)}).
 *
 * <p><b>Thread safety:</b> an enum; immutable.
 */
public enum SnapshotMode {
    /** Stream changes only (the default). */
    NONE,
    /**
     * When the stream creates its slot, first deliver every row of every published table as of the slot's
     * exported snapshot (events with {@link io.walstream.ReplicationEvent#isSnapshotRead()}), then the changes
     * from the slot's consistent point on. See {@link InitialSnapshot} for the restart rules.
     */
    INITIAL
}
