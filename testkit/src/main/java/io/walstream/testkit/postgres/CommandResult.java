package io.walstream.testkit.postgres;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The exit status and the merged stdout/stderr of one finished command.
 *
 * <p><b>Thread safety:</b> an immutable record; safe for concurrent use.
 */
record CommandResult(List<String> command, int exitCode, String output) {
    private static final Pattern SERVER_ERROR = Pattern.compile("(?m)^.*\\b(ERROR|FATAL|PANIC):.*$");

    boolean succeeded() {
        return exitCode == 0;
    }

    /** Whether the output holds a PostgreSQL {@code ERROR:}, {@code FATAL:} or {@code PANIC:} line. */
    boolean reportsServerError() {
        return SERVER_ERROR.matcher(output).find();
    }

    /** Describes the command, its status and output, for an exception message. */
    String describe() {
        return String.join(" ", command) + "\nexited with " + exitCode + "; output:\n" + output;
    }
}
