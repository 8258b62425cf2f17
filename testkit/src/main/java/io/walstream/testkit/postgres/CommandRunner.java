package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion with a deadline, its output captured in a temporary file (not a pipe,
 * so a daemon it leaves behind cannot keep us waiting) and a PostgreSQL-neutral environment.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class CommandRunner {
    private CommandRunner() {
    }

    /**
     * Runs {@code command}, writing {@code stdin} (or nothing) to it, and waits at most {@code timeout}.
     *
     * @throws PostgresHarnessException if it cannot be started or does not finish in time
     */
    static CommandResult run(List<String> command, String stdin, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("walstream-pg-cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            cleanEnvironment(builder.environment());
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PostgresHarnessException("Timed out after " + timeout + ": " + String.join(" ", command)
                        + "\noutput so far:\n" + LogFiles.read(output));
            }
            return new CommandResult(List.copyOf(command), process.exitValue(), LogFiles.read(output));
        } catch (IOException e) {
            throw new PostgresHarnessException("Could not run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresHarnessException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** Runs {@code command} and returns its output, or throws with the output if it exits non-zero. */
    static String runOrThrow(String what, List<String> command, Duration timeout) {
        CommandResult result = run(command, null, timeout);
        if (!result.succeeded()) {
            throw new PostgresHarnessException(what + " failed: " + result.describe());
        }
        return result.output();
    }

    private static void cleanEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
