package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.internal.PgEpoch;
import java.time.Instant;
import java.util.Optional;

/**
 * Abort of a streamed transaction ({@code subxid == xid}) or of one of its subtransactions.
 *
 * <pre>
 * Byte1 'A' | Int32 xid | Int32 subxid
 *   | [Int64 abort_lsn | Int64 abort_time]        only with streaming 'parallel' (protocol 4)
 * </pre>
 *
 * <p>The optional part depends on the {@code streaming} option, not on the protocol version alone, so the
 * decoder is told ({@link PgOutputDecoder.Builder#parallelStreaming(boolean)}) and then requires exactly 8 or
 * exactly 24 body bytes.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param xid the top-level transaction id (unsigned)
 * @param subxid the aborted (sub)transaction id; equal to {@code xid} when the whole transaction aborted
 * @param abortLsn the abort record's LSN with {@code streaming 'parallel'}, else {@code null}
 * @param abortTimeMicros the abort time in µs since 2000-01-01 UTC, 0 when {@code abortLsn} is {@code null}
 */
public record StreamAbort(int xid, int subxid, Lsn abortLsn, long abortTimeMicros) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'A';

    /** @return {@link #xid()} unsigned, as a {@code long} (as PostgreSQL prints it: {@link Xids#toString(int)}) */
    public long xidLong() {
        return Xids.toLong(xid);
    }

    /** @return {@link #subxid()} unsigned, as a {@code long} */
    public long subxidLong() {
        return Xids.toLong(subxid);
    }

    public StreamAbort {
        if (abortLsn == null && abortTimeMicros != 0) {
            throw new IllegalArgumentException("abortTimeMicros must be 0 without abortLsn");
        }
    }

    /** The 8-byte form, without the parallel-apply fields. */
    public StreamAbort(int xid, int subxid) {
        this(xid, subxid, null, 0L);
    }

    /** @return whether the parallel-apply fields (abort LSN and time) are present */
    public boolean hasAbortInfo() {
        return abortLsn != null;
    }

    /** @return the abort LSN, present only with {@code streaming 'parallel'} */
    public Optional<Lsn> abortLsnIfPresent() {
        return Optional.ofNullable(abortLsn);
    }

    /** @return the abort time, present only with {@code streaming 'parallel'} */
    public Optional<Instant> abortTime() {
        return abortLsn == null ? Optional.empty() : Optional.of(PgEpoch.toInstant(abortTimeMicros));
    }

    /** @return whether a whole transaction (not a subtransaction) was aborted */
    public boolean isTopLevel() {
        return xid == subxid;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "StreamAbort xid=" + Describe.u32(xid) + " subxid=" + Describe.u32(subxid)
                + (abortLsn == null ? "" : " abortLsn=" + abortLsn + " abortTime=" + Describe.time(abortTimeMicros));
    }
}
