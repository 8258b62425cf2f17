package io.walstream.json;

import io.walstream.Lsn;
import io.walstream.Transaction;
import java.time.Instant;
import java.util.Objects;

/**
 * The transaction context that every change object repeats: {@code xid}, {@code commit_lsn}, {@code commit_time}.
 *
 * <p><b>Thread safety:</b> an immutable record.
 *
 * @param xid the transaction id (unsigned 32-bit), or {@code 0} when there is none (a non-transactional message)
 * @param commitLsn the start of the commit (or prepare) record; {@link Lsn#INVALID} when there is none
 * @param endLsn the end of the commit record, the position a consumer acknowledges; {@link Lsn#INVALID} if none
 * @param commitTime the commit time, or {@code null} when there is none
 * @param streamed whether the server streamed the transaction while it was in progress
 * @param gid the two-phase transaction identifier, or {@code null}
 */
public record CommitInfo(long xid, Lsn commitLsn, Lsn endLsn, Instant commitTime, boolean streamed, String gid) {

    /** No transaction: a non-transactional logical message. */
    public static final CommitInfo NONE = new CommitInfo(0, Lsn.INVALID, Lsn.INVALID, null, false, null);

    /**
     * Validates the components.
     *
     * @param xid the transaction id
     * @param commitLsn the commit record's start
     * @param endLsn the commit record's end
     * @param commitTime the commit time, or {@code null}
     * @param streamed whether streamed
     * @param gid the two-phase identifier, or {@code null}
     */
    public CommitInfo {
        Objects.requireNonNull(commitLsn, "commitLsn");
        Objects.requireNonNull(endLsn, "endLsn");
    }

    /**
     * {@return the context of a whole transaction from {@link io.walstream.TransactionStream}}
     *
     * @param transaction the transaction
     */
    public static CommitInfo of(Transaction transaction) {
        if (transaction.kind() == Transaction.Kind.MESSAGE) {
            return NONE;
        }
        return new CommitInfo(Integer.toUnsignedLong(transaction.xid()), transaction.commitLsn(),
                transaction.endLsn(), transaction.commitTime(), transaction.isStreamed(), transaction.gid());
    }
}
