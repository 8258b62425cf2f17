package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * Commit of a transaction.
 *
 * <pre>
 * Byte1 'C' | Int8 flags (0) | Int64 commit_lsn | Int64 end_lsn | Int64 commit_time (µs since 2000-01-01)
 * </pre>
 *
 * <p>The message carries no xid; {@link #xid()} is the xid of the transaction's {@link Begin}, filled in by
 * {@link PgOutputDecoder} (which saw that Begin), or {@link Xids#INVALID} (0) for a Commit built or decoded
 * without its Begin.
 *
 * <p>Acknowledge {@link #endLsn()} once the transaction is durably processed. The decoder rejects non-zero
 * flags, as PostgreSQL's own apply worker does; the field exists so that tests can build such messages.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte, 0 from every PostgreSQL release
 * @param commitLsn the start of the commit record
 * @param endLsn the end of the commit record: the position to acknowledge
 * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
 * @param xid the transaction's xid from its Begin (unsigned 32-bit; see {@link Xids}), 0 if not known
 */
public record Commit(int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros, int xid)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'C';

    public Commit {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
    }

    /**
     * A Commit as on the wire, without the Begin's xid ({@link #xid()} is 0).
     *
     * @param flags the flags byte
     * @param commitLsn the start of the commit record
     * @param endLsn the end of the commit record
     * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
     */
    public Commit(int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros) {
        this(flags, commitLsn, endLsn, commitTimeMicros, Xids.INVALID);
    }

    /** @return {@link #xid()} unsigned, as a {@code long} (0 if not known) */
    public long xidLong() {
        return Xids.toLong(xid);
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
        return "Commit flags=" + flags + " commitLsn=" + commitLsn + " endLsn=" + endLsn + " commitTime="
                + Describe.time(commitTimeMicros);
    }

    /** @return the record with unsigned xid: {@code Commit[flags=0, commitLsn=…, …, xid=3000000000]} */
    @Override
    public String toString() {
        return "Commit[flags=" + flags + ", commitLsn=" + commitLsn + ", endLsn=" + endLsn + ", commitTimeMicros="
                + commitTimeMicros + ", xid=" + Xids.toString(xid) + "]";
    }
}
