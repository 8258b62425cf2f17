package io.walstream.testkit.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL programs run on one data directory ({@code initdb}, {@code pg_ctl}, {@code postgres --single},
 * {@code postgres -C}), each as the {@link ServerAccount}. Returns raw results; {@link PostgresServer} decides
 * what a failure means.
 *
 * <p><b>Thread safety:</b> immutable; the commands themselves must not overlap on one data directory, which
 * {@link PostgresServer} ensures.
 */
final class ClusterCommands {
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String PG_CTL_WAIT_SECONDS = "60";

    private final PostgresInstallation installation;
    private final ServerAccount account;
    private final Path dataDirectory;
    private final Path socketDirectory;
    private final Path logFile;

    ClusterCommands(PostgresInstallation installation, ServerAccount account, Path dataDirectory,
                    Path socketDirectory, Path logFile) {
        this.installation = installation;
        this.account = account;
        this.dataDirectory = dataDirectory;
        this.socketDirectory = socketDirectory;
        this.logFile = logFile;
    }

    ServerAccount account() {
        return account;
    }

    CommandResult initdb(String superuser) {
        return run(List.of(installation.program("initdb"), "-D", dataDirectory.toString(), "-U", superuser,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"), null, INITDB_TIMEOUT);
    }

    CommandResult start(int port) {
        return run(List.of(installation.program("pg_ctl"), "-D", dataDirectory.toString(), "-l", logFile.toString(),
                "-o", serverOptions(port), "-w", "-t", PG_CTL_WAIT_SECONDS, "start"), null, PG_CTL_TIMEOUT);
    }

    CommandResult stop(StopMode mode) {
        return run(List.of(installation.program("pg_ctl"), "-D", dataDirectory.toString(), "-m", mode.pgCtlName(),
                "-w", "-t", PG_CTL_WAIT_SECONDS, "stop"), null, PG_CTL_TIMEOUT);
    }

    CommandResult singleUser(String database, List<String> statements) {
        return run(List.of(installation.program("postgres"), "--single", "-D", dataDirectory.toString(), database),
                String.join("\n", statements) + "\n", COMMAND_TIMEOUT);
    }

    CommandResult showSetting(String name) {
        return run(List.of(installation.program("postgres"), "-C", name, "-D", dataDirectory.toString()), null,
                COMMAND_TIMEOUT);
    }

    private String serverOptions(int port) {
        String sockets = socketDirectory.toString();
        if (sockets.indexOf('\'') >= 0 || sockets.indexOf(' ') >= 0 || sockets.indexOf('"') >= 0) {
            throw new PostgresHarnessException("The socket directory must hold no quote or space: " + sockets
                    + "; set java.io.tmpdir to a plain path");
        }
        return "-p " + port + " -c listen_addresses=" + PostgresServer.HOST + " -c unix_socket_directories=" + sockets;
    }

    private CommandResult run(List<String> command, String stdin, Duration timeout) {
        return CommandRunner.run(account.command(command), stdin, timeout);
    }
}
