package io.walstream.testkit.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks an xz-compressed tar into a directory, keeping permission bits, symbolic and hard links, and refusing
 * entries that would land outside the directory.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use on different target directories.
 */
final class TxzExtractor {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private TxzExtractor() {
    }

    /** Unpacks {@code txz} into {@code target}, which is created if needed. Does not close {@code txz}. */
    static void extract(InputStream txz, Path target) throws IOException {
        Path root = Files.createDirectories(target).toRealPath();
        List<TarArchiveEntry> directories = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)));
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            Path path = inside(root, entry.getName());
            if (entry.isDirectory()) {
                Files.createDirectories(path);
                directories.add(entry);
                continue;
            }
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Files.createLink(path, inside(root, entry.getLinkName()));
            } else {
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
        for (TarArchiveEntry directory : directories) {
            Path path = inside(root, directory.getName());
            Files.setPosixFilePermissions(path, permissions(directory.getMode() | 0700));
        }
    }

    /** Converts the low nine bits of a Unix mode to permissions. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("Archive entry escapes the target directory: " + name);
        }
        return path;
    }
}
