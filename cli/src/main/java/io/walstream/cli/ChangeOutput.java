package io.walstream.cli;

import io.walstream.Transaction;
import io.walstream.pgoutput.RelationCache;

/**
 * How whole transactions are printed: {@code json} ({@link JsonChangeOutput}) or {@code text}
 * ({@link TextChangeOutput}). The raw format reads undecoded messages and has its own loop ({@link RawStreamLoop}).
 *
 * <p><b>Thread safety:</b> implementations are used by the streaming thread only.
 */
interface ChangeOutput {

    /**
     * Writes one whole transaction (buffered; {@link OutputTarget#flush()} pushes it out).
     *
     * @param transaction the transaction
     * @param relations the session's relations
     * @return the number of change lines written
     */
    int write(Transaction transaction, RelationCache relations);

    /** Pushes buffered text into the target. */
    void flush();
}
