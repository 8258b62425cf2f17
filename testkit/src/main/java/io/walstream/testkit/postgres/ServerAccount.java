package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system account that runs {@code initdb}, {@code pg_ctl} and {@code postgres}. PostgreSQL
 * refuses to run as root, so when the JVM is root the harness uses an unprivileged system account (created on
 * first use with {@code useradd}) and runs each command through {@code setpriv}; otherwise it runs commands as
 * the JVM's own user. The account name is {@value #DEFAULT_USER} unless the system property
 * {@value #USER_PROPERTY} names another.
 *
 * <p><b>Thread safety:</b> immutable; safe for concurrent use. {@link #detect()} is synchronized.
 */
final class ServerAccount {
    static final String USER_PROPERTY = "walstream.postgres.user";
    static final String DEFAULT_USER = "walstream-pg";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int USERADD_NAME_IN_USE = 9;
    private static ServerAccount detected;

    private final String name;
    private final int uid;
    private final int gid;

    private ServerAccount(String name, int uid, int gid) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    /** {@return the account for this JVM: itself, or the unprivileged account when the JVM is root} */
    static synchronized ServerAccount detect() {
        if (detected == null) {
            int self = Integer.parseInt(CommandRunner.runOrThrow("id -u", List.of("id", "-u"), TIMEOUT).trim());
            detected = self == 0 ? unprivileged(System.getProperty(USER_PROPERTY, DEFAULT_USER)) : null;
            if (detected == null) {
                detected = new ServerAccount(System.getProperty("user.name"), self, -1);
            }
        }
        return detected;
    }

    private static ServerAccount unprivileged(String user) {
        if (!idOf(user, "-u").succeeded()) {
            CommandResult created = CommandRunner.run(List.of(tool("/usr/sbin/useradd", "useradd"), "--system",
                    "--no-create-home", "--shell", "/usr/sbin/nologin", user), null, TIMEOUT);
            if (!created.succeeded() && created.exitCode() != USERADD_NAME_IN_USE) {
                throw new PostgresHarnessException("PostgreSQL refuses to run as root, and creating the account "
                        + user + " failed (run the tests as a normal user, or create it): " + created.describe());
            }
        }
        CommandResult uid = idOf(user, "-u");
        CommandResult gid = idOf(user, "-g");
        if (!uid.succeeded() || !gid.succeeded()) {
            throw new PostgresHarnessException("Could not look up the account " + user + ": " + uid.describe());
        }
        return new ServerAccount(user, Integer.parseInt(uid.output().trim()), Integer.parseInt(gid.output().trim()));
    }

    private static CommandResult idOf(String user, String flag) {
        return CommandRunner.run(List.of("id", flag, user), null, TIMEOUT);
    }

    private static String tool(String absolute, String fallback) {
        return Files.isExecutable(Path.of(absolute)) ? absolute : fallback;
    }

    /** Whether commands run under another account than the JVM's (the JVM is root). */
    boolean isSeparate() {
        return gid >= 0;
    }

    /** {@return the account name} */
    String name() {
        return name;
    }

    /** {@return {@code command} as it must be run: prefixed with {@code setpriv} when the account is separate} */
    List<String> command(List<String> command) {
        if (!isSeparate()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(tool("/usr/bin/setpriv", "setpriv"), "--reuid=" + uid,
                "--regid=" + gid, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code root} and everything below it to the account (no-op when not separate); links untouched. */
    void own(Path root) {
        if (!isSeparate()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not give " + root + " to the account " + name, e);
        }
    }

    @Override
    public String toString() {
        return isSeparate() ? name + " (uid " + uid + ", via setpriv)" : name + " (the JVM's own user)";
    }
}
