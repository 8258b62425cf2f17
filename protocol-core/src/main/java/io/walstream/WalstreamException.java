package io.walstream;

/**
 * The root of every exception walstream throws. Unchecked, like Netty's {@code CodecException}.
 *
 * <p>Subtypes say what went wrong; {@link #isTransient()} says whether retrying the same operation on a
 * new connection may succeed. Messages are one sentence with the key facts and never contain a password,
 * a SASL payload or any other secret.
 *
 * <p><b>Thread safety:</b> immutable once thrown; safe to hand between threads.
 */
public class WalstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalstreamException() {
        super();
    }

    public WalstreamException(String message) {
        super(message);
    }

    public WalstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    public WalstreamException(Throwable cause) {
        super(cause);
    }

    /**
     * Whether the failure is expected to go away on its own (a dropped connection, a server shutting down),
     * so that a reconnect with backoff is the right response. Permanent failures (bad configuration,
     * authentication, a protocol violation) return {@code false} and must not be retried.
     *
     * @return {@code true} if retrying may succeed
     */
    public boolean isTransient() {
        return false;
    }
}
