package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A real PostgreSQL server in a throw-away data directory, listening on a free port of {@value #HOST}.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start(PostgresVersion.V16, PostgresConfig.defaults())) {
 *     connect(server.host(), server.port(), server.superuser());
 *     server.stop(StopMode.IMMEDIATE);   // simulate a crash
 *     server.start();                    // crash recovery, same port
 * }                                      // stops the server and deletes its directory
 * }</pre>
 *
 * <p>{@link #start(PostgresVersion, PostgresConfig)} unpacks the binaries once per version (see
 * {@link PostgresVersion} for where they come from), runs {@code initdb} (superuser {@value #SUPERUSER}, UTF8,
 * locale C), writes the configuration, creates the roles in single-user mode and starts the server with
 * {@code pg_ctl}. When the JVM runs as root, every PostgreSQL program runs as an unprivileged account (by
 * default {@code walstream-pg}, created if missing), since PostgreSQL refuses to run as root.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; lifecycle methods are serialized on this object. A server
 * this JVM forgets to close is stopped by a shutdown hook.
 */
public final class PostgresServer implements AutoCloseable {
    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";
    /** The superuser {@code initdb} creates; trusted by the default {@code pg_hba.conf}. */
    public static final String SUPERUSER = "postgres";
    /** The database every cluster has. */
    public static final String DATABASE = "postgres";

    private static final int START_ATTEMPTS = 5;
    private static final int LOG_LINES_IN_ERRORS = 40;

    private final PostgresInstallation installation;
    private final PostgresConfig config;
    private final ClusterCommands commands;
    private final Path baseDirectory;
    private final Path dataDirectory;
    private final Path socketDirectory;
    private final Path logFile;
    private int port;
    private volatile boolean running;
    private boolean closed;

    private PostgresServer(PostgresInstallation installation, PostgresConfig config, ServerAccount account,
                           Path baseDirectory) {
        this.installation = installation;
        this.config = config;
        this.baseDirectory = baseDirectory;
        this.dataDirectory = baseDirectory.resolve("data");
        this.socketDirectory = baseDirectory.resolve("run");
        this.logFile = baseDirectory.resolve("postgres.log");
        this.commands = new ClusterCommands(installation, account, dataDirectory, socketDirectory, logFile);
    }

    /**
     * Starts a server of {@code version} with the {@linkplain PostgresConfig#defaults() default configuration}.
     *
     * @param version the PostgreSQL major
     * @return the running server; close it
     */
    public static PostgresServer start(PostgresVersion version) {
        return start(version, PostgresConfig.defaults());
    }

    /**
     * Creates and starts a server of {@code version} set up with {@code config}.
     *
     * @param version the PostgreSQL major
     * @param config settings, pg_hba.conf lines and roles
     * @return the running server; close it
     * @throws PostgresHarnessException if the binaries are missing or a setup step fails; the message carries
     *     the failing command's output or the end of the server log
     */
    public static PostgresServer start(PostgresVersion version, PostgresConfig config) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        PostgresInstallation installation = BinaryCache.install(version);
        ServerAccount account = ServerAccount.detect();
        Path base;
        try {
            base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                    "walstream-pg" + version.major() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for PostgreSQL " + version.major(), e);
        }
        PostgresServer server = new PostgresServer(installation, config, account, base);
        RunningServers.register(server);
        try {
            server.initialize();
            server.start();
            return server;
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void initialize() {
        try {
            Files.createDirectories(socketDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + socketDirectory, e);
        }
        commands.account().own(baseDirectory);
        CommandResult initdb = commands.initdb(SUPERUSER);
        if (!initdb.succeeded()) {
            throw new PostgresHarnessException("initdb of PostgreSQL " + version().major() + " as "
                    + commands.account() + " failed: " + initdb.describe());
        }
        ClusterFiles.write(dataDirectory, config);
        if (!config.roles().isEmpty()) {
            runSingleUser(RoleStatements.create(config.roles()));
        }
    }

    /**
     * Starts the server again after {@link #stop(StopMode)}, on the same port; does nothing if it runs. The first
     * start picks a free port, retrying with another one if the server finds it taken.
     *
     * @throws PostgresHarnessException with the end of the server log if the server does not come up
     */
    public synchronized void start() {
        checkOpen();
        if (running) {
            return;
        }
        boolean firstStart = port == 0;
        for (int attempt = 1; ; attempt++) {
            int candidate = firstStart ? FreePorts.find() : port;
            int logLength = LogFiles.read(logFile).length();
            CommandResult result = commands.start(candidate);
            if (result.succeeded()) {
                port = candidate;
                running = true;
                return;
            }
            String log = LogFiles.read(logFile);
            boolean portTaken = log.substring(Math.min(logLength, log.length())).contains("already in use");
            if (!firstStart || !portTaken || attempt == START_ATTEMPTS) {
                throw new PostgresHarnessException("PostgreSQL " + version().major() + " did not start on " + HOST
                        + ":" + candidate + ": " + result.describe() + "\n" + logExcerpt());
            }
        }
    }

    /** Stops the server cleanly ({@link StopMode#FAST}). */
    public void stop() {
        stop(StopMode.FAST);
    }

    /**
     * Stops the server with {@code pg_ctl stop -m <mode>} and waits until it is down; does nothing if it is
     * not running. After {@link StopMode#IMMEDIATE}, the next {@link #start()} runs crash recovery.
     *
     * @param mode how to shut down
     */
    public synchronized void stop(StopMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (!running) {
            return;
        }
        CommandResult result = commands.stop(mode);
        if (!result.succeeded() && !result.output().contains("Is server running?")) {
            throw new PostgresHarnessException("PostgreSQL " + version().major() + " did not stop (" + mode + "): "
                    + result.describe() + "\n" + logExcerpt());
        }
        running = false;
    }

    /** Stops the server cleanly and starts it again on the same port. */
    public synchronized void restart() {
        stop(StopMode.FAST);
        start();
    }

    /**
     * Runs SQL statements in single-user mode ({@code postgres --single}), which needs the server stopped, and
     * returns the output (query results are printed as {@code 1: rolname = "postgres"} lines).
     *
     * @param statements statements, each on one line and ending with {@code ;}
     * @return the combined output of the single-user backend
     * @throws IllegalStateException if the server is running
     * @throws PostgresHarnessException if a statement reports an {@code ERROR}
     */
    public synchronized String runSingleUser(List<String> statements) {
        checkOpen();
        if (running) {
            throw new IllegalStateException("Single-user mode needs the server stopped; call stop() first");
        }
        for (String statement : statements) {
            if (statement.indexOf('\n') >= 0 || statement.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("One statement per line, without line breaks: " + statement);
            }
        }
        CommandResult result = commands.singleUser(DATABASE, statements);
        if (!result.succeeded() || result.reportsServerError()) {
            throw new PostgresHarnessException("Single-user mode of PostgreSQL " + version().major()
                    + " reported an error: " + result.describe());
        }
        return result.output();
    }

    /**
     * Like {@link #runSingleUser(List)}.
     *
     * @param statements statements, each on one line and ending with {@code ;}
     * @return the combined output of the single-user backend
     */
    public String runSingleUser(String... statements) {
        return runSingleUser(Arrays.asList(statements));
    }

    /**
     * Returns a setting as the configuration files set it ({@code postgres -C <name>}), such as {@code logical}
     * for {@code wal_level}. Works whether or not the server runs; settings given on the command line
     * ({@code port}, {@code listen_addresses}, {@code unix_socket_directories}) are not reflected. Values with
     * units are printed in the base unit ({@code 128kB} as {@code 128}, {@code 7s} as {@code 7000}).
     *
     * @param name the setting name
     * @return the value
     */
    public String configuredSetting(String name) {
        checkOpen();
        CommandResult result = commands.showSetting(name);
        if (!result.succeeded()) {
            throw new PostgresHarnessException("postgres -C " + name + " failed: " + result.describe());
        }
        return result.output().trim();
    }

    /**
     * {@return the last {@code lines} lines of the server log, joined by {@code \n} ({@code ""} if none yet)}
     *
     * @param lines how many lines at most
     */
    public String logTail(int lines) {
        return LogFiles.tail(logFile, lines);
    }

    /** {@return {@value #HOST}} */
    public String host() {
        return HOST;
    }

    /** {@return the TCP port, the same across {@link #stop(StopMode) stop} and {@link #start() start}} */
    public synchronized int port() {
        return port;
    }

    /** {@return the major version} */
    public PostgresVersion version() {
        return installation.version();
    }

    /** {@return the version the binaries report, such as {@code 16.10}} */
    public String serverVersion() {
        return installation.serverVersion();
    }

    /** {@return the version as {@code server_version_num} spells it, such as {@code 160010}} */
    public int serverVersionNum() {
        return installation.serverVersionNum();
    }

    /** {@return {@value #SUPERUSER}} */
    public String superuser() {
        return SUPERUSER;
    }

    /** {@return the configuration the server was set up with} */
    public PostgresConfig config() {
        return config;
    }

    /** {@return the data directory ({@code PGDATA})} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@return the directory of the Unix-domain socket} */
    public Path socketDirectory() {
        return socketDirectory;
    }

    /** {@return the server log file} */
    public Path logFile() {
        return logFile;
    }

    /** {@return the {@code bin/} directory of the binaries ({@code initdb}, {@code pg_ctl}, {@code postgres})} */
    public Path binDirectory() {
        return installation.home().resolve("bin");
    }

    /** {@return whether the server was started and not stopped since} */
    public boolean isRunning() {
        return running;
    }

    /** Stops the server ({@link StopMode#FAST}, else {@link StopMode#IMMEDIATE}) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        RuntimeException failure = null;
        try {
            stop(StopMode.FAST);
        } catch (RuntimeException e) {
            failure = e;
            try {
                stop(StopMode.IMMEDIATE);
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
            }
        }
        closed = true;
        RunningServers.unregister(this);
        try {
            BinaryCache.deleteRecursively(baseDirectory);
        } catch (IOException e) {
            UncheckedIOException deleteFailure = new UncheckedIOException("Could not delete " + baseDirectory, e);
            if (failure == null) {
                failure = deleteFailure;
            } else {
                failure.addSuppressed(deleteFailure);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Best effort from the shutdown hook: no lock (a test thread may hold it), immediate stop, delete. */
    void abandon() {
        try {
            if (running) {
                commands.stop(StopMode.IMMEDIATE);
            }
            BinaryCache.deleteRecursively(baseDirectory);
        } catch (IOException | RuntimeException ignored) {
            // The JVM is exiting; nothing else can be done.
        }
    }

    private String logExcerpt() {
        return "Last " + LOG_LINES_IN_ERRORS + " lines of " + logFile + ":\n" + logTail(LOG_LINES_IN_ERRORS);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This PostgreSQL server was closed: " + this);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + installation.serverVersion() + " on " + HOST + ":" + port + " (" + dataDirectory
                + (running ? ", running)" : ", stopped)");
    }
}
