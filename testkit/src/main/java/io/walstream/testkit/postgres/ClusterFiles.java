package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes a {@link PostgresConfig} into a fresh data directory: settings appended to {@code postgresql.conf}
 * (later lines win), and {@code pg_hba.conf} replaced. Existing files are rewritten in place, so they keep the
 * owner {@code initdb} gave them.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use on different data directories.
 */
final class ClusterFiles {
    static final String SETTINGS_HEADER = "# Added by the walstream testkit (PostgresConfig)";

    private ClusterFiles() {
    }

    static void write(Path dataDirectory, PostgresConfig config) {
        try {
            Files.writeString(dataDirectory.resolve("postgresql.conf"), settingsBlock(config.settings()),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(dataDirectory.resolve("pg_hba.conf"),
                    "# Written by the walstream testkit (PostgresConfig)\n"
                            + String.join("\n", config.hbaLines()) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            config.serverTls().ifPresent(tls -> tls.writeInto(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the configuration into " + dataDirectory, e);
        }
    }

    static String settingsBlock(Map<String, String> settings) {
        StringBuilder block = new StringBuilder("\n").append(SETTINGS_HEADER).append('\n');
        settings.forEach((name, value) -> block.append(name).append(" = ").append(quote(value)).append('\n'));
        return block.toString();
    }

    /** Quotes a value for {@code postgresql.conf}: single quotes, with {@code '} and {@code \} escaped. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
