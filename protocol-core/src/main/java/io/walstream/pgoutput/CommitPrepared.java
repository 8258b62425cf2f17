package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code COMMIT PREPARED} of a prepared transaction (protocol 3+); may arrive in a later session.
 *
 * <pre>
 * Byte1 'K' | Int8 flags (0) | Int64 commit_lsn | Int64 end_lsn | Int64 commit_time | Int32 xid | String gid
 * </pre>
 *
 * <p>Acknowledge {@link #endLsn()}. The decoder rejects non-zero flags.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte, always 0
 * @param commitLsn the LSN of the commit-prepared record
 * @param endLsn the end of that record
 * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
 * @param xid the transaction id (unsigned)
 * @param gid the global transaction identifier
 */
public record CommitPrepared(int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros, int xid, String gid)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'K';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public CommitPrepared {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
        Objects.requireNonNull(gid, "gid");
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
        return "CommitPrepared flags=" + flags + " commitLsn=" + commitLsn + " endLsn=" + endLsn + " commitTime="
                + Describe.time(commitTimeMicros) + " xid=" + Describe.u32(xid) + " gid=" + Describe.quote(gid);
    }
}
