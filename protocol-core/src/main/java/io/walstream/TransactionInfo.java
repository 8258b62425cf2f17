package io.walstream;

import java.time.Instant;
import java.util.Optional;

/**
 * The transaction a {@link ReplicationEvent} belongs to: its xid, and its commit LSN and time once known.
 *
 * <p>For a regular transaction the commit LSN and time are known from its Begin, so every change carries them.
 * For a streamed (in-progress) transaction and a two-phase transaction they are known only when its Stream
 * Commit or Commit Prepared arrives: this object, shared by all events of the transaction, is completed then,
 * so events read later (through {@link TransactionStream}) see them, and events handled before the commit see
 * them empty. The fields are written once by the stream's reading thread and safely published.
 *
 * <p><b>Thread safety:</b> safe for concurrent reading; completed at most once by the reading thread.
 */
public final class TransactionInfo {
    private final long xid;
    private final String gid;
    private final boolean streamed;
    private volatile Lsn commitLsn;
    private volatile Lsn endLsn;
    private volatile Instant commitTime;
    private volatile boolean aborted;
    private final boolean snapshotRead;

    TransactionInfo(int xid, String gid, boolean streamed, Lsn commitLsn, Instant commitTime) {
        this(xid, gid, streamed, commitLsn, commitTime, false);
    }

    private TransactionInfo(int xid, String gid, boolean streamed, Lsn commitLsn, Instant commitTime,
                            boolean snapshotRead) {
        this.xid = Integer.toUnsignedLong(xid);
        this.gid = gid;
        this.streamed = streamed;
        this.commitLsn = commitLsn;
        this.commitTime = commitTime;
        this.snapshotRead = snapshotRead;
    }

    /**
     * The pseudo-transaction of rows read by a snapshot (stream-level initial or incremental snapshot): xid 0
     * (PostgreSQL's invalid transaction id), commit LSN the slot's consistent point when known.
     *
     * @param consistentPoint the position the snapshot's rows are as of, or {@code null} if unknown
     * @return a new marker; {@link #isSnapshotRead()} is {@code true}
     */
    public static TransactionInfo snapshotRead(Lsn consistentPoint) {
        return new TransactionInfo(0, null, false, consistentPoint, null, true);
    }

    /** @return whether this marks rows read by a snapshot rather than a real transaction */
    public boolean isSnapshotRead() {
        return snapshotRead;
    }

    void complete(Lsn commit, Lsn end, Instant time) {
        commitLsn = commit;
        endLsn = end;
        commitTime = time;
    }

    void abort() {
        aborted = true;
    }

    /** @return the top-level transaction id, unsigned 32-bit as a {@code long} */
    public long xid() {
        return xid;
    }

    /** @return the xid as PostgreSQL prints it (unsigned decimal) */
    public String xidString() {
        return Long.toString(xid);
    }

    /** @return the global transaction id of a two-phase transaction */
    public Optional<String> gid() {
        return Optional.ofNullable(gid);
    }

    /** @return whether the transaction was streamed while in progress */
    public boolean isStreamed() {
        return streamed;
    }

    /**
     * @return the LSN of the commit record ({@code Begin.finalLsn}, {@code Commit.commitLsn}); empty while a
     *         streamed or prepared transaction has not committed yet
     */
    public Optional<Lsn> commitLsn() {
        return Optional.ofNullable(commitLsn);
    }

    /** @return the end of the commit record, the position to acknowledge, once the commit was seen */
    public Optional<Lsn> endLsn() {
        return Optional.ofNullable(endLsn);
    }

    /** @return the commit time; empty while a streamed or prepared transaction has not committed yet */
    public Optional<Instant> commitTime() {
        return Optional.ofNullable(commitTime);
    }

    /** @return whether a Stream Abort or Rollback Prepared ended the transaction */
    public boolean isAborted() {
        return aborted;
    }

    @Override
    public String toString() {
        return "xid " + xid + (gid != null ? " gid " + gid : "") + (streamed ? " streamed" : "")
                + (commitLsn != null ? " commit " + commitLsn : "") + (aborted ? " aborted" : "")
                + (snapshotRead ? " snapshot read" : "");
    }
}
