package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads text files the server writes (its log, command output), tolerating bad UTF-8 and absent files.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class LogFiles {
    private LogFiles() {
    }

    /** {@return the file's text, or {@code ""} if it does not exist} */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** {@return the last {@code lines} lines of the file joined by {@code \n}, or {@code ""} if it is absent} */
    static String tail(Path file, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be >= 0: " + lines);
        }
        List<String> all = Arrays.asList(read(file).split("\\R", -1));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all = all.subList(0, all.size() - 1);
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
