package io.walstream;

/**
 * Authentication with the server failed on the client side: the server's SCRAM messages were malformed or
 * could not be verified, the server asked for more work than the configured limit, or no authentication
 * method acceptable to both sides (including the {@code channel_binding} setting) was offered.
 *
 * <p>Permanent: retrying with the same configuration fails the same way. A password the server rejects
 * arrives as a {@link ServerErrorException} instead (SQLSTATE {@code 28P01}). Messages name the mechanism,
 * attribute or limit involved and never contain the password, a nonce-derived proof or a signature.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class AuthenticationException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception without a message; prefer one that names what failed. */
    public AuthenticationException() {
        super();
    }

    /** @param message one sentence: what failed, the key values, what to do next; never a secret */
    public AuthenticationException(String message) {
        super(message);
    }

    /**
     * @param message one sentence: what failed, the key values, what to do next; never a secret
     * @param cause the underlying cause
     */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param cause the underlying cause, whose message must not contain a secret either */
    public AuthenticationException(Throwable cause) {
        super(cause);
    }
}
