package io.walstream.cli;

/**
 * The documented exit codes of the {@code walstream} command (cli/README.md, "Exit codes").
 *
 * <p><b>Thread safety:</b> constants only.
 */
final class ExitCode {
    /** Done; also after SIGINT/SIGTERM stopped a stream cleanly. */
    static final int OK = 0;
    /** An unexpected failure (a bug or an I/O error writing the output). */
    static final int INTERNAL = 1;
    /** Bad command line or connection string. */
    static final int USAGE = 2;
    /** The server could not be reached or refused the login (SQLSTATE classes 08, 28, 3D, 57P03). */
    static final int CONNECTION = 3;
    /** The server reported an error (e.g. 42704: missing slot or publication). */
    static final int SERVER = 4;
    /** The server sent something that breaks the protocol. */
    static final int PROTOCOL = 5;
    /** A second SIGINT/SIGTERM forced an immediate stop, before the clean one completed. */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
