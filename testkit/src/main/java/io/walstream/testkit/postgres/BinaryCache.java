package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Unpacks each PostgreSQL version once into a cache directory shared by all JVMs: {@value #CACHE_PROPERTY}
 * (default {@code ${java.io.tmpdir}/walstream-postgres}) {@code /<artifact version>}. A file lock serializes
 * JVMs, a monitor serializes threads, and a marker file written last tells a complete directory from one a
 * killed JVM left half done (which is unpacked again). Directories are made {@code 755} so that the
 * {@linkplain ServerAccount unprivileged account} can run the binaries.
 *
 * <p><b>Thread safety:</b> safe for concurrent use, also across JVMs sharing the cache.
 */
final class BinaryCache {
    static final String CACHE_PROPERTY = "walstream.postgres.cache";
    static final String MARKER = ".walstream-complete";

    private static final Map<PostgresVersion, PostgresInstallation> INSTALLED = new ConcurrentHashMap<>();
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    private BinaryCache() {
    }

    /** {@return the unpacked installation of {@code version}, unpacking it first if needed} */
    static PostgresInstallation install(PostgresVersion version) {
        return INSTALLED.computeIfAbsent(version, BinaryCache::installNow);
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY, "");
        return configured.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "walstream-postgres")
                : Path.of(configured);
    }

    private static PostgresInstallation installNow(PostgresVersion version) {
        Path root = cacheRoot().toAbsolutePath();
        Path home = root.resolve(version.artifactVersion());
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, TxzExtractor.permissions(0755));
            if (!Files.exists(home.resolve(MARKER))) {
                unpackLocked(version, root, home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack PostgreSQL " + version.major() + " into " + home, e);
        }
        return new PostgresInstallation(version, home, probeVersion(version, home));
    }

    private static void unpackLocked(PostgresVersion version, Path root, Path home) throws IOException {
        Path lockFile = root.resolve(version.artifactVersion() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                if (!Files.exists(home.resolve(MARKER))) {
                    unpack(version, home);
                }
            } finally {
                lock.release();
            }
        }
    }

    private static void unpack(PostgresVersion version, Path home) throws IOException {
        deleteRecursively(home);
        BinaryArchive archive = BinaryLocator.fromSystemProperties().locate(version);
        try (InputStream in = archive.open()) {
            TxzExtractor.extract(in, home);
        }
        Files.setPosixFilePermissions(home, TxzExtractor.permissions(0755));
        Files.writeString(home.resolve(MARKER), archive.origin() + "\n", StandardCharsets.UTF_8);
    }

    private static String probeVersion(PostgresVersion version, Path home) {
        ServerAccount account = ServerAccount.detect();
        String postgres = home.resolve("bin").resolve("postgres").toString();
        CommandResult result = CommandRunner.run(account.command(List.of(postgres, "--version")), null,
                VERSION_TIMEOUT);
        if (!result.succeeded()) {
            throw new PostgresHarnessException("The PostgreSQL " + version.major() + " binaries in " + home
                    + " do not run as " + account + " (every directory above them must be readable and"
                    + " searchable by that account; choose another place with -D" + CACHE_PROPERTY + "): "
                    + result.describe());
        }
        return PostgresInstallation.parseVersionOutput(result.output());
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(each);
            }
        }
    }
}
