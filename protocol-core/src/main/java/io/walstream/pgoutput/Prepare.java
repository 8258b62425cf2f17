package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * PREPARE TRANSACTION of a transaction begun by {@link BeginPrepare} (protocol 3+).
 *
 * <pre>
 * Byte1 'P' | Int8 flags (0) | Int64 prepare_lsn | Int64 end_lsn | Int64 prepare_time | Int32 xid | String gid
 * </pre>
 *
 * <p>Acknowledge {@link #endLsn()}. The decoder rejects non-zero flags.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param flags the flags byte, always 0
 * @param prepareLsn the LSN of the prepare record
 * @param endLsn the end of the prepare record
 * @param prepareTimeMicros the prepare time in µs since 2000-01-01 UTC
 * @param xid the transaction id (unsigned)
 * @param gid the global transaction identifier
 */
public record Prepare(int flags, Lsn prepareLsn, Lsn endLsn, long prepareTimeMicros, int xid, String gid)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'P';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public Prepare {
        Objects.requireNonNull(prepareLsn, "prepareLsn");
        Objects.requireNonNull(endLsn, "endLsn");
        Objects.requireNonNull(gid, "gid");
    }

    /** @return the prepare time */
    public Instant prepareTime() {
        return PgEpoch.toInstant(prepareTimeMicros);
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Prepare flags=" + flags + " prepareLsn=" + prepareLsn + " endLsn=" + endLsn + " prepareTime="
                + Describe.time(prepareTimeMicros) + " xid=" + Describe.u32(xid) + " gid=" + Describe.quote(gid);
    }
}
