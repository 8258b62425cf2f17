package io.walstream.testkit.postgres;

/**
 * The real-PostgreSQL harness could not find, unpack, set up, start or stop a server. The message says which
 * step failed and carries the command output or the end of the server log.
 *
 * <p><b>Thread safety:</b> immutable once thrown; safe to read from any thread.
 */
public class PostgresHarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to do
     */
    public PostgresHarnessException(String message) {
        super(message);
    }

    /**
     * Creates an exception with its cause.
     *
     * @param message what failed and what to do
     * @param cause the underlying failure
     */
    public PostgresHarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
