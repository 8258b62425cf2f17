package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Finds the zonky binaries jar of a PostgreSQL version. All versions share one {@code groupId:artifactId}, so
 * a Maven class path holds at most one; the locator therefore looks, in order, in
 * <ol>
 *   <li>the directory named by {@value #BINARIES_PROPERTY}, for {@code <artifactId>-<version>.jar};</li>
 *   <li>the class path, for a {@code postgres-linux-x86_64.txz} whose URL names that jar;</li>
 *   <li>the local Maven repository ({@code maven.repo.local}, else {@code ~/.m2/repository}).</li>
 * </ol>
 *
 * <p><b>Thread safety:</b> immutable; safe for concurrent use.
 */
final class BinaryLocator {
    static final String BINARIES_PROPERTY = "walstream.postgres.binaries";

    private final Path binariesDirectory;
    private final ClassLoader classLoader;
    private final Path mavenRepository;
    private final String osName;
    private final String osArch;

    BinaryLocator(Path binariesDirectory, ClassLoader classLoader, Path mavenRepository, String osName,
                  String osArch) {
        this.binariesDirectory = binariesDirectory;
        this.classLoader = classLoader;
        this.mavenRepository = mavenRepository;
        this.osName = osName;
        this.osArch = osArch;
    }

    /** {@return a locator configured from the system properties} */
    static BinaryLocator fromSystemProperties() {
        String directory = System.getProperty(BINARIES_PROPERTY, "");
        String repository = System.getProperty("maven.repo.local", "");
        return new BinaryLocator(
                directory.isBlank() ? null : Path.of(directory),
                BinaryLocator.class.getClassLoader(),
                repository.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                        : Path.of(repository),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    /**
     * Returns the archive of {@code version}.
     *
     * @throws PostgresHarnessException naming the artifact to add and every place looked in
     */
    BinaryArchive locate(PostgresVersion version) {
        checkPlatform();
        String jarName = jarName(version);
        List<String> lookedIn = new ArrayList<>();
        if (binariesDirectory != null) {
            Path jar = binariesDirectory.resolve(jarName);
            if (Files.isRegularFile(jar)) {
                return BinaryArchive.inJar(jar);
            }
            lookedIn.add(jar + " (-D" + BINARIES_PROPERTY + ")");
        }
        for (URL url : classPathArchives()) {
            if (url.toString().contains(jarName)) {
                return BinaryArchive.atUrl(url);
            }
            lookedIn.add("class path " + url + " (another version)");
        }
        lookedIn.add("class path: no " + jarName);
        Path repositoryJar = mavenRepository.resolve(Path.of(PostgresVersion.BINARIES_GROUP_ID.replace('.', '/'),
                PostgresVersion.BINARIES_ARTIFACT_ID, version.artifactVersion(), jarName));
        if (Files.isRegularFile(repositoryJar)) {
            return BinaryArchive.inJar(repositoryJar);
        }
        lookedIn.add(repositoryJar + " (local Maven repository)");
        throw new PostgresHarnessException("No binaries for PostgreSQL " + version.major() + ". Add the test "
                + "dependency " + version.coordinates() + ", or set -D" + BINARIES_PROPERTY
                + "=<directory holding " + jarName + ">. Looked in:\n  " + String.join("\n  ", lookedIn));
    }

    static String jarName(PostgresVersion version) {
        return PostgresVersion.BINARIES_ARTIFACT_ID + "-" + version.artifactVersion() + ".jar";
    }

    private List<URL> classPathArchives() {
        if (classLoader == null) {
            return List.of();
        }
        try {
            return Collections.list(classLoader.getResources(BinaryArchive.ENTRY));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list class path resources " + BinaryArchive.ENTRY, e);
        }
    }

    private void checkPlatform() {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new PostgresHarnessException("The PostgreSQL harness runs the " + PostgresVersion.BINARIES_ARTIFACT_ID
                    + " binaries, which need Linux on x86-64; this is " + osName + " on " + osArch);
        }
    }
}
