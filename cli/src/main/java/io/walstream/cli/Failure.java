package io.walstream.cli;

import io.walstream.AuthenticationException;
import io.walstream.CancelledException;
import io.walstream.ConnectionStringException;
import io.walstream.ProtocolException;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.TransportSelectionException;
import io.walstream.conn.TlsUnavailableException;
import io.walstream.pgoutput.types.ValueConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns an exception into an {@link ExitCode} and the one line printed on stderr: the library's message (which
 * never holds a password), with the server's SQLSTATE and hint when it gave them.
 *
 * <p><b>Thread safety:</b> an immutable record.
 *
 * @param exitCode the process exit code
 * @param line the message, one line
 */
record Failure(int exitCode, String line) {

    static Failure of(Throwable e) {
        if (e instanceof CliException c) {
            return new Failure(c.exitCode(), oneLine(c.getMessage()));
        }
        if (e instanceof ConnectionStringException) {
            return new Failure(ExitCode.USAGE, "invalid connection string: " + oneLine(e.getMessage()));
        }
        if (e instanceof ServerErrorException s) {
            ServerError err = s.error();
            boolean noWalSender = isWalSenderRefused(err);
            String hint = err.hint() != null ? " (hint: " + oneLine(err.hint()) + ")"
                    : noWalSender ? " (hint: the role needs the REPLICATION attribute: ALTER ROLE name REPLICATION)"
                    : "";
            String detail = err.detail() == null ? "" : " (detail: " + oneLine(err.detail()) + ")";
            return new Failure(isConnectionState(s.sqlState()) || noWalSender ? ExitCode.CONNECTION : ExitCode.SERVER,
                    "server error " + err.sqlState() + ": " + oneLine(err.message()) + detail + hint);
        }
        if (e instanceof AuthenticationException || e instanceof TransportException
                || e instanceof TlsUnavailableException) {
            return new Failure(ExitCode.CONNECTION, oneLine(e.getMessage()));
        }
        if (e instanceof TransportSelectionException) {
            return new Failure(ExitCode.USAGE, oneLine(e.getMessage()));
        }
        if (e instanceof ProtocolException || e instanceof ValueConversionException) {
            return new Failure(ExitCode.PROTOCOL, "protocol error: " + oneLine(e.getMessage()));
        }
        if (e instanceof CancelledException) {
            return new Failure(ExitCode.INTERRUPTED, oneLine(e.getMessage()));
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return new Failure(ExitCode.INTERNAL, "I/O error: " + oneLine(String.valueOf(e.getMessage())));
        }
        return new Failure(ExitCode.INTERNAL, e.getClass().getSimpleName() + ": "
                + oneLine(String.valueOf(e.getMessage()))
                + " (run with --verbose for the stack trace)");
    }

    /**
     * The server refused the replication connection because the role lacks REPLICATION: 42501 with "permission
     * denied to start WAL sender" (16+) or "must be superuser or replication role to start walsender" (14, 15);
     * 42501 alone also means a missing CONNECT privilege or a table permission.
     */
    static boolean isWalSenderRefused(ServerError err) {
        String m = err.message() == null ? "" : err.message().toLowerCase(java.util.Locale.ROOT);
        return "42501".equals(err.sqlState()) && (m.contains("wal sender") || m.contains("walsender"));
    }

    /** SQLSTATEs that mean "could not get a usable connection": connection, authorization, database, startup. */
    static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("28") || sqlState.startsWith("3D")
                || sqlState.equals("57P03") || sqlState.equals("53300"));
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    }
}
