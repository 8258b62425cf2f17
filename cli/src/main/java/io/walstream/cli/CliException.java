package io.walstream.cli;

/**
 * A failure the command itself detected (a missing publication, a bad option combination), with its exit code.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
