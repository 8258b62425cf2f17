package io.walstream.snapshot;

import io.walstream.Lsn;
import io.walstream.WalstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@link SnapshotCheckpointStore} of one file per slot, {@code <slot>.snapshot}, holding the lines
 * {@code slot=}, {@code consistent_point=}, {@code complete=} and one {@code table_done=} per completed table
 * (backslash-escaped); written to a temporary file, forced to disk and
 * moved over the old one.
 *
 * <p><b>Thread safety:</b> thread-safe (saves are serialized).
 */
final class FileCheckpointStore implements SnapshotCheckpointStore {
    private final Path directory;

    FileCheckpointStore(Path directory) {
        this.directory = directory;
    }

    private Path file(String slotName) {
        if (!slotName.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("Slot name \"" + slotName + "\" is not a valid slot name");
        }
        return directory.resolve(slotName + ".snapshot");
    }

    @Override
    public Optional<SnapshotCheckpoint> load(String slotName) {
        Path f = file(slotName);
        try {
            String slot = null;
            Lsn point = null;
            Boolean complete = null;
            java.util.Set<String> done = new java.util.TreeSet<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim();
                switch (key) {
                    case "slot" -> slot = value;
                    case "consistent_point" -> point = value.isEmpty() ? null : Lsn.parse(value);
                    case "complete" -> complete = Boolean.parseBoolean(value);
                    case "table_done" -> done.add(unescape(line.substring(eq + 1)));
                    default -> { }
                }
            }
            if (!slotName.equals(slot) || complete == null) {
                throw new WalstreamException("Snapshot checkpoint file " + f + " is damaged (expected slot="
                        + slotName + " and complete=true|false)");
            }
            return Optional.of(new SnapshotCheckpoint(slot, point, complete, done));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading snapshot checkpoint " + f + " failed", e);
        } catch (IllegalArgumentException e) {
            throw new WalstreamException("Snapshot checkpoint file " + f + " is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(SnapshotCheckpoint c) {
        Path f = file(c.slotName());
        String text = "slot=" + c.slotName() + "\nconsistent_point="
                + (c.consistentPoint() == null ? "" : c.consistentPoint()) + "\ncomplete=" + c.complete() + "\n"
                + c.tablesDone().stream().map(t -> "table_done=" + escape(t) + "\n")
                .collect(java.util.stream.Collectors.joining());
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve(c.slotName() + ".snapshot.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(text));
                ch.force(true);
            }
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing snapshot checkpoint " + f + " failed", e);
        }
    }

    /** Backslash, CR and LF escaped: a quoted table name may contain them. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "FileCheckpointStore[" + directory + "]";
    }
}
