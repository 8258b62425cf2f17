package io.walstream.testkit.postgres;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where one version's {@code postgres-linux-x86_64.txz} was found, and how to read it.
 *
 * <p><b>Thread safety:</b> an immutable record; each {@link #open()} returns a new stream.
 */
record BinaryArchive(String origin, Opener opener) {
    /** The entry every zonky binary jar holds. */
    static final String ENTRY = "postgres-linux-x86_64.txz";

    /** Opens the archive's bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** Opens the archive; the caller closes the stream. */
    InputStream open() throws IOException {
        return opener.open();
    }

    static BinaryArchive inJar(Path jar) {
        return new BinaryArchive(jar.toString(), () -> openEntry(jar));
    }

    static BinaryArchive atUrl(URL url) {
        return new BinaryArchive(url.toString(), url::openStream);
    }

    private static InputStream openEntry(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        try {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(jar + " holds no " + ENTRY + "; is it a zonky PostgreSQL binaries jar?");
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }
}
