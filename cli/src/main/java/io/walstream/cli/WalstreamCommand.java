package io.walstream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command: {@code walstream demo|stream|slot|identify}.
 *
 * <p><b>Thread safety:</b> used by picocli on the main thread.
 */
@Command(name = "walstream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Stream PostgreSQL changes with logical replication (pgoutput), no server plugin needed.", ""},
        subcommands = {DemoCommand.class, StreamCommand.class, SlotCommand.class, IdentifyCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    done (also after Ctrl-C/SIGTERM stopped a stream cleanly)",
            "  1    unexpected failure (rerun with --verbose for the stack trace)",
            "  2    bad command line or connection string",
            "  3    could not connect or log in (SQLSTATE classes 08, 28, 3D)",
            "  4    the server reported an error (e.g. 42704: slot or publication missing)",
            "  5    protocol error (the server sent something invalid)",
            "  130  a second Ctrl-C/SIGTERM forced an immediate stop",
            "",
            "Start with:  walstream demo%n"})
final class WalstreamCommand {

    @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Log at DEBUG and print stack traces of errors.")
    boolean verbose;
}
