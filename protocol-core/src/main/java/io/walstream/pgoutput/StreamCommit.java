package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * Commit of a streamed transaction, sent outside any stream block.
 *
 * <pre>
 * Byte1 'c' | Int32 xid | Int8 flags (0) | Int64 commit_lsn | Int64 end_lsn | Int64 commit_time
 * </pre>
 *
 * <p>Acknowledge {@link #endLsn()}. The decoder rejects non-zero flags.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param xid the transaction id (unsigned)
 * @param flags the flags byte, always 0
 * @param commitLsn the start of the commit record
 * @param endLsn the end of the commit record
 * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
 */
public record StreamCommit(int xid, int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'c';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public StreamCommit {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
    }

    /** @return the commit time */
    public Instant commitTime() {
        return PgEpoch.toInstant(commitTimeMicros);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "StreamCommit xid=" + Describe.u32(xid) + " flags=" + flags + " commitLsn=" + commitLsn + " endLsn="
                + endLsn + " commitTime=" + Describe.time(commitTimeMicros);
    }
}
