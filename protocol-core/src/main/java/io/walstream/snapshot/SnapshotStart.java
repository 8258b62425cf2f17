package io.walstream.snapshot;

import io.walstream.Lsn;
import java.util.List;

/**
 * What a snapshot is about to copy, handed to {@link SnapshotHandler#onStart} before the first row.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param tables every table the publications publish, as it will be reported
 * @param snapshotName the imported snapshot
 * @param consistentPoint the slot's consistent point the stream continues from, or {@code null} if unknown
 * @param restarted whether this run replaces an unfinished earlier snapshot of the same slot: discard every
 *        row and change received for these tables before, then apply this snapshot
 */
public record SnapshotStart(List<SnapshotTable> tables, String snapshotName, Lsn consistentPoint, boolean restarted) {

    public SnapshotStart {
        tables = List.copyOf(tables);
    }
}
