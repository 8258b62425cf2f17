package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code ROLLBACK PREPARED} of a prepared transaction (protocol 3+).
 *
 * <pre>
 * Byte1 'r' | Int8 flags (0) | Int64 prepare_end_lsn | Int64 rollback_end_lsn | Int64 prepare_time
 *   | Int64 rollback_time | Int32 xid | String gid
 * </pre>
 *
 * <p>The decoder rejects non-zero flags.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte, always 0
 * @param prepareEndLsn the end of the prepare record
 * @param rollbackEndLsn the end of the rollback-prepared record
 * @param prepareTimeMicros the prepare time in µs since 2000-01-01 UTC
 * @param rollbackTimeMicros the rollback time in µs since 2000-01-01 UTC
 * @param xid the transaction id (unsigned)
 * @param gid the global transaction identifier
 */
public record RollbackPrepared(int flags, Lsn prepareEndLsn, Lsn rollbackEndLsn, long prepareTimeMicros,
                               long rollbackTimeMicros, int xid, String gid) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'r';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public RollbackPrepared {
        Objects.requireNonNull(prepareEndLsn, "prepareEndLsn");
        Objects.requireNonNull(rollbackEndLsn, "rollbackEndLsn");
        Objects.requireNonNull(gid, "gid");
    }

    /** @return the prepare time */
    public Instant prepareTime() {
        return PgEpoch.toInstant(prepareTimeMicros);
    }

    /** @return the rollback time */
    public Instant rollbackTime() {
        return PgEpoch.toInstant(rollbackTimeMicros);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "RollbackPrepared flags=" + flags + " prepareEndLsn=" + prepareEndLsn + " rollbackEndLsn="
                + rollbackEndLsn + " prepareTime=" + Describe.time(prepareTimeMicros) + " rollbackTime="
                + Describe.time(rollbackTimeMicros) + " xid=" + Describe.u32(xid) + " gid=" + Describe.quote(gid);
    }
}
