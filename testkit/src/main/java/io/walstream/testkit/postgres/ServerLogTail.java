package io.walstream.testkit.postgres;

/**
 * The end of a server log, attached to a test failure as a suppressed exception so that reports print it.
 * Carries no stack trace.
 *
 * <p><b>Thread safety:</b> immutable; safe to read from any thread.
 */
final class ServerLogTail extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerLogTail(PostgresServer server, int lines) {
        super("Last " + lines + " lines of the log of " + server + ", " + server.logFile() + ":\n"
                + server.logTail(lines), null, false, false);
    }
}
