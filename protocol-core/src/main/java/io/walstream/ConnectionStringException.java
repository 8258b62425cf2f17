package io.walstream;

/**
 * A connection string, environment variable or connection parameter is malformed or names an unknown or
 * unsupported keyword, for example {@code invalid connection option "sslmdoe"}. A configuration problem, so
 * permanent: retrying with the same settings fails the same way.
 *
 * <p>Messages follow libpq's wording where libpq has one, but never contain a password, an
 * {@code sslpassword} or any other secret value, even where libpq's own message would echo it.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ConnectionStringException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public ConnectionStringException() {
        super();
    }

    public ConnectionStringException(String message) {
        super(message);
    }

    public ConnectionStringException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectionStringException(Throwable cause) {
        super(cause);
    }
}
