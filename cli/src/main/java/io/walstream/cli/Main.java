package io.walstream.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point of {@code walstream.jar}: configures logging (WARN on stderr, DEBUG with {@code --verbose}), tells
 * the PostgreSQL harness where the binaries were copied next to the jar, and runs the picocli command tree;
 * errors become one line on stderr and a documented {@link ExitCode}.
 *
 * <p><b>Thread safety:</b> run once, from {@code main}.
 */
public final class Main {
    private static final String BINARIES_PROPERTY = "walstream.postgres.binaries";

    private Main() {
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int run(String... args) {
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            }
        }
        configureLogging(verbose);
        locateBinaries();
        final boolean showStack = verbose;
        CommandLine cli = new CommandLine(new WalstreamCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Failure f = Failure.of(e);
            PrintWriter err = commandLine.getErr();
            err.println("walstream " + commandLine.getCommandName() + ": " + f.line());
            if (showStack) {
                e.printStackTrace(err);
            }
            err.flush();
            return f.exitCode();
        });
        cli.setParameterExceptionHandler((e, params) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("walstream " + e.getCommandLine().getCommandName() + ": " + Failure.oneLine(e.getMessage()));
            err.println("Try 'walstream " + qualifiedName(e.getCommandLine()) + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    private static String qualifiedName(CommandLine c) {
        String name = c.getCommandSpec().qualifiedName(" ");
        return name.startsWith("walstream ") ? name.substring("walstream ".length()) : "";
    }

    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", verbose ? "true" : "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    /** The build copies the zonky binary jars into {@code postgres-binaries} next to {@code walstream.jar}. */
    private static void locateBinaries() {
        if (!System.getProperty(BINARIES_PROPERTY, "").isBlank()) {
            return;
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.resolveSibling("postgres-binaries");
            if (Files.isDirectory(dir)) {
                System.setProperty(BINARIES_PROPERTY, dir.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not run from a jar: the harness looks on the class path and in the local Maven repository
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
