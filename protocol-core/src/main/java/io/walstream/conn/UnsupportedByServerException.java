package io.walstream.conn;

import io.walstream.WalstreamException;

/**
 * A command or option the connected server version cannot accept, refused before anything was sent. The
 * message names the option and the minimum version. Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class UnsupportedByServerException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public UnsupportedByServerException() {
        super();
    }

    public UnsupportedByServerException(String message) {
        super(message);
    }

    public UnsupportedByServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnsupportedByServerException(Throwable cause) {
        super(cause);
    }

    static UnsupportedByServerException needs(String option, int minimumMajor, ServerVersion actual) {
        return new UnsupportedByServerException(option + " needs PostgreSQL " + minimumMajor
                + " or later; the server is " + actual.display());
    }
}
