package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class TxzExtractorTest {
    @TempDir
    Path temp;

    @Test
    void keepsModesAndSymbolicLinks() throws IOException {
        byte[] txz = txz(tar -> {
            directory(tar, "bin/", 0755);
            file(tar, "bin/tool", 0755, "#!/bin/sh\n");
            directory(tar, "lib/", 0755);
            file(tar, "lib/libx.so.1.2", 0644, "lib");
            TarArchiveEntry link = new TarArchiveEntry("lib/libx.so", TarConstants.LF_SYMLINK);
            link.setLinkName("libx.so.1.2");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        Path target = temp.resolve("out");
        TxzExtractor.extract(new ByteArrayInputStream(txz), target);
        assertEquals("rwxr-xr-x",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/tool"))));
        assertEquals("rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/libx.so.1.2"))));
        assertTrue(Files.isSymbolicLink(target.resolve("lib/libx.so")));
        assertEquals(Path.of("libx.so.1.2"), Files.readSymbolicLink(target.resolve("lib/libx.so")));
        assertEquals("lib", Files.readString(target.resolve("lib/libx.so")));
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        byte[] txz = txz(tar -> file(tar, "../escaped", 0644, "x"));
        Path target = temp.resolve("out");
        IOException e = assertThrows(IOException.class,
                () -> TxzExtractor.extract(new ByteArrayInputStream(txz), target));
        assertTrue(e.getMessage().contains("../escaped"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("escaped")));
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] txz(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new XZOutputStream(bytes, new LZMA2Options(1)))) {
            writer.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
