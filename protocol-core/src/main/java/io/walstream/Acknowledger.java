package io.walstream;

import io.walstream.replication.FeedbackPositions;

/**
 * The application's explicit acknowledgements: by position, by an event that ends a transaction, or by a whole
 * transaction. Each advances the flushed position the status updates report; anything that does not end a
 * transaction is refused, because acknowledging mid-transaction would let the server skip the rest of it after a
 * restart.
 *
 * <p><b>Thread safety:</b> thread-safe ({@link FeedbackPositions} is).
 */
final class Acknowledger {

    private final FeedbackPositions positions;

    /** @param positions the positions the stream reports */
    Acknowledger(FeedbackPositions positions) {
        this.positions = positions;
    }

    void acknowledge(Lsn lsn) {
        positions.flushed(lsn);
    }

    /** @throws IllegalArgumentException if the event does not end a transaction */
    void acknowledge(ReplicationEvent event) {
        Lsn end = CommitLedger.endOf(event.message());
        if (end == null) {
            throw new IllegalArgumentException("Only an event that ends a transaction can be acknowledged, not "
                    + event.message().getClass().getSimpleName());
        }
        positions.flushed(end);
    }

    /** @throws IllegalArgumentException if the transaction has no end position (a non-transactional message) */
    void acknowledge(Transaction transaction) {
        Lsn end = transaction.endLsn();
        if (end == null || !end.isValid()) {
            throw new IllegalArgumentException("A " + transaction.kind() + " has no end position to acknowledge");
        }
        positions.flushed(end);
    }
}
