package io.walstream;

import java.util.Set;

/**
 * The server sent an ErrorResponse. All of its fields are available as data through {@link #error()}, and
 * the SQLSTATE through {@link #sqlState()}; the message is {@link ServerError#format()}: {@code SEVERITY SQLSTATE:
 * message}, then DETAIL, HINT and CONTEXT lines as psql prints them.
 *
 * <p>{@link #isTransient()} is {@code true} for connection exceptions (class {@code 08}), administrator or
 * crash shutdown and "cannot connect now" ({@code 57P01}, {@code 57P02}, {@code 57P03}) and too many
 * connections ({@code 53300}); everything else (authentication {@code 28xxx}, undefined objects, slot in use,
 * configuration) is permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ServerErrorException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private final transient ServerError error;

    public ServerErrorException(ServerError error) {
        super(error.format());
        this.error = error;
    }

    public ServerErrorException(String context, ServerError error) {
        super(context + ": " + error.format());
        this.error = error;
    }

    /** @return every field of the ErrorResponse */
    public ServerError error() {
        return error;
    }

    /** @return the SQLSTATE, e.g. {@code 42704} */
    public String sqlState() {
        return error.sqlState();
    }

    @Override
    public boolean isTransient() {
        String state = error.sqlState();
        return state.startsWith("08") || TRANSIENT_STATES.contains(state);
    }
}
