package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code walstream.jar} run as a separate process ({@code java -jar}), with stdout and stderr captured
 * in files, and without the PG* variables or a {@code .pgpass} of the machine running the tests.
 *
 * <p><b>Thread safety:</b> one test thread per instance.
 */
final class CliProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Path jar() {
        String jar = System.getProperty("walstream.cli.jar", "target/walstream.jar");
        Path p = Path.of(jar);
        assertTrue(Files.isRegularFile(p), "the packaged jar is missing: " + p + " (run the package phase)");
        return p;
    }

    static CliProcess start(String... args) throws IOException {
        return start(false, args);
    }

    /** Starts with stdout on a pipe read through {@link #stdoutPipe()} (stderr still goes to a file). */
    static CliProcess startPiped(String... args) throws IOException {
        return start(true, args);
    }

    private static CliProcess start(boolean pipe, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("walstream-cli-it");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        if (!pipe) {
            pb.redirectOutput(out.toFile());
        }
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGPASSFILE", dir.resolve("no-pgpass").toString());
        return new CliProcess(pb.start(), out, err);
    }

    /** Runs to completion (at most {@code seconds}) and returns the exit code. */
    static CliProcess run(int seconds, String... args) throws Exception {
        CliProcess p = start(args);
        p.waitFor(seconds);
        return p;
    }

    int waitFor(int seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("walstream did not end within " + seconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM (what {@code Process.destroy()} sends on Linux). */
    void terminate() {
        process.destroy();
    }

    /** Sends a signal by name ({@code INT} for Ctrl-C) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -" + name + " failed");
        }
    }

    /** The reading end of stdout, for a process from {@link #startPiped}; closing it breaks the pipe. */
    java.io.InputStream stdoutPipe() {
        return process.getInputStream();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }
}
