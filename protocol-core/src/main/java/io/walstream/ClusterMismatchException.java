package io.walstream;

/**
 * After a reconnect the server reported a different system identifier ({@code IDENTIFY_SYSTEM}) than the first
 * session: another cluster answers at the same address (a restore, a rebuilt server). Resuming there would
 * silently skip or repeat transactions, so the stream ends. Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ClusterMismatchException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    /** @param message what differed */
    public ClusterMismatchException(String message) {
        super(message);
    }
}
