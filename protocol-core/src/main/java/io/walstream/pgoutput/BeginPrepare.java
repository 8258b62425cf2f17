package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Objects;

/**
 * Begin of a transaction decoded at {@code PREPARE TRANSACTION} (protocol 3+, {@code two_phase 'true'}).
 *
 * <pre>
 * Byte1 'b' | Int64 prepare_lsn | Int64 end_lsn | Int64 prepare_time | Int32 xid | String gid
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param prepareLsn the LSN of the prepare record
 * @param endLsn the end of the prepared transaction
 * @param prepareTimeMicros the prepare time in µs since 2000-01-01 UTC
 * @param xid the transaction id (unsigned)
 * @param gid the global transaction identifier
 */
public record BeginPrepare(Lsn prepareLsn, Lsn endLsn, long prepareTimeMicros, int xid, String gid)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'b';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    public BeginPrepare {
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
        return "BeginPrepare prepareLsn=" + prepareLsn + " endLsn=" + endLsn + " prepareTime="
                + Describe.time(prepareTimeMicros) + " xid=" + Describe.u32(xid) + " gid=" + Describe.quote(gid);
    }
}
