package io.walstream.testkit.postgres;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One unpacked PostgreSQL version: its home directory (with {@code bin/}, {@code lib/}, {@code share/}) and the
 * version the {@code postgres} binary reports.
 *
 * <p><b>Thread safety:</b> an immutable record; safe for concurrent use.
 *
 * @param version the major version
 * @param home the directory holding {@code bin/}
 * @param serverVersion the version {@code postgres --version} printed, such as {@code 16.10}
 */
record PostgresInstallation(PostgresVersion version, Path home, String serverVersion) {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    /** {@return the path of a program in {@code bin/}} */
    String program(String name) {
        return home.resolve("bin").resolve(name).toString();
    }

    /** {@return the version as {@code server_version_num} spells it, such as {@code 160010}} */
    int serverVersionNum() {
        return versionNum(serverVersion);
    }

    /** {@return the version in {@code postgres --version} output, such as {@code 16.10}} */
    static String parseVersionOutput(String output) {
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new PostgresHarnessException("Unexpected output of postgres --version: " + output);
        }
        return matcher.group(1) + (matcher.group(2) == null ? "" : "." + matcher.group(2));
    }

    /** Converts {@code 16.10} to {@code 160010} (PostgreSQL 10 and later). */
    static int versionNum(String serverVersion) {
        String[] parts = serverVersion.split("\\.");
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return Integer.parseInt(parts[0]) * 10000 + minor;
    }
}
