package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * Begin of a transaction.
 *
 * <pre>
 * Byte1 'B' | Int64 final_lsn | Int64 commit_time (µs since 2000-01-01) | Int32 xid
 * </pre>
 *
 * <p>{@code finalLsn} is the <em>start</em> of the commit record; acknowledge {@link Commit#endLsn()}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param finalLsn the LSN of the commit record (same as {@link Commit#commitLsn()})
 * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
 * @param xid the transaction id (unsigned 32-bit)
 */
public record Begin(Lsn finalLsn, long commitTimeMicros, int xid) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'B';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public Begin {
        Objects.requireNonNull(finalLsn, "finalLsn");
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
        return "Begin finalLsn=" + finalLsn + " commitTime=" + Describe.time(commitTimeMicros)
                + " xid=" + Describe.u32(xid);
    }
}
