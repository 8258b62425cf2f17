package io.walstream.snapshot;

import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.TransactionInfo;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Row;
import java.util.List;
import java.util.Objects;

/**
 * One row read by a snapshot: a {@link Row} bound to the same kind of relation entry as streamed rows (names,
 * types, key flags, typed accessors), reported under {@link #table()}. Its values are exactly what pgoutput would
 * send for the row: text output for a text stream, send-function bytes for a binary stream.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param table the table the row is reported under
 * @param row the row
 */
public record SnapshotRow(SnapshotTable table, Row row) {

    public SnapshotRow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(row, "row");
    }

    /** @return always {@code true}: the row comes from a snapshot read, not from the change stream */
    public boolean isSnapshotRead() {
        return true;
    }

    /**
     * The row as a stream event, as the stream-level snapshots deliver it: an INSERT of the row with
     * {@link ReplicationEvent#isSnapshotRead()} set.
     *
     * @param marker a {@link TransactionInfo#snapshotRead snapshot marker}
     * @return the event
     */
    public ReplicationEvent toEvent(TransactionInfo marker) {
        Lsn at = marker.commitLsn().orElse(Lsn.INVALID);
        return new ReplicationEvent(new Insert(row.relation().oid(), row.tuple()), at, at, 0, row, null,
                marker, List.of(row.relation()));
    }

    /** @return e.g. {@code snapshot public.t(id=t'1')} */
    public String describe() {
        return "snapshot " + row.describe();
    }
}
