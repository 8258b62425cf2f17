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
 * <p>Acknowledge {@link #endLsn()} once the transaction is durably processed. The decoder rejects non-zero
 * flags, as PostgreSQL's own apply worker does; the field exists so that tests can build such messages.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte, 0 from every PostgreSQL release
 * @param commitLsn the start of the commit record
 * @param endLsn the end of the commit record: the position to acknowledge
 * @param commitTimeMicros the commit time in µs since 2000-01-01 UTC
 */
public record Commit(int flags, Lsn commitLsn, Lsn endLsn, long commitTimeMicros) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'C';

    public Commit {
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
        return "Commit flags=" + flags + " commitLsn=" + commitLsn + " endLsn=" + endLsn + " commitTime="
                + Describe.time(commitTimeMicros);
    }
}
