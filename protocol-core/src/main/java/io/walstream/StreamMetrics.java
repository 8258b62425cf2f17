package io.walstream;

import java.time.Instant;

/**
 * A snapshot of a {@link LogicalReplicationStream}'s progress.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param received the last position received
 * @param flushed the last position reported as flushed
 * @param applied the last position reported as applied
 * @param serverWalEnd the server's WAL end from the last message or keepalive
 * @param lagBytes {@code serverWalEnd - flushed}, or 0 if unknown
 * @param messages pgoutput messages delivered
 * @param bytes bytes read from the server, framing included
 * @param reconnects reconnections so far
 * @param lastKeepalive when the last keepalive arrived, or {@code null}
 * @param snapshot the progress of the stream's initial snapshot ({@link io.walstream.snapshot.SnapshotMode#INITIAL}):
 *        tables done/total, rows, bytes, the estimate from the tables' size; while it runs and after it finished;
 *        {@code null} when the stream made none
 * @param incrementalSnapshots the progress of every table re-read by
 *        {@link LogicalReplicationStream#requestSnapshot} (and of a resumed initial snapshot's remaining tables), in
 *        request order: chunks and rows handed over, waiting/running/done; empty when none was requested
 */
public record StreamMetrics(Lsn received, Lsn flushed, Lsn applied, Lsn serverWalEnd, long lagBytes, long messages,
                            long bytes, long reconnects, Instant lastKeepalive,
                            io.walstream.snapshot.SnapshotProgress snapshot,
                            java.util.List<io.walstream.snapshot.IncrementalProgress> incrementalSnapshots) {

    /** Copies the list; {@code null} means none. */
    public StreamMetrics {
        incrementalSnapshots = incrementalSnapshots == null ? java.util.List.of()
                : java.util.List.copyOf(incrementalSnapshots);
    }

    /** Without incremental snapshot progress. */
    public StreamMetrics(Lsn received, Lsn flushed, Lsn applied, Lsn serverWalEnd, long lagBytes, long messages,
                         long bytes, long reconnects, Instant lastKeepalive,
                         io.walstream.snapshot.SnapshotProgress snapshot) {
        this(received, flushed, applied, serverWalEnd, lagBytes, messages, bytes, reconnects, lastKeepalive, snapshot,
                null);
    }

    /** Without snapshot progress. */
    public StreamMetrics(Lsn received, Lsn flushed, Lsn applied, Lsn serverWalEnd, long lagBytes, long messages,
                         long bytes, long reconnects, Instant lastKeepalive) {
        this(received, flushed, applied, serverWalEnd, lagBytes, messages, bytes, reconnects, lastKeepalive, null,
                null);
    }

    /** @param progress the snapshot's progress, or {@code null} @return a copy with it */
    public StreamMetrics withSnapshot(io.walstream.snapshot.SnapshotProgress progress) {
        return new StreamMetrics(received, flushed, applied, serverWalEnd, lagBytes, messages, bytes, reconnects,
                lastKeepalive, progress, incrementalSnapshots);
    }

    /**
     * @param progress the incremental snapshots' progress, or {@code null} for none
     * @return a copy with it
     */
    public StreamMetrics withIncrementalSnapshots(java.util.List<io.walstream.snapshot.IncrementalProgress> progress) {
        return new StreamMetrics(received, flushed, applied, serverWalEnd, lagBytes, messages, bytes, reconnects,
                lastKeepalive, snapshot, progress);
    }
}
