package io.walstream.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where change output goes: stdout, or a file ({@code -f PATH}, appended to, as pg_recvlogical does) that is
 * fsynced every {@code --fsync-interval}. The streaming loop acknowledges a transaction to the server only once
 * its output is flushed (stdout) or fsynced (file).
 *
 * <p><b>Thread safety:</b> used by the streaming thread only.
 */
final class OutputTarget implements AutoCloseable {
    private final OutputStream stream;
    private final FileChannel channel;
    private final String name;

    private OutputTarget(OutputStream stream, FileChannel channel, String name) {
        this.stream = stream;
        this.channel = channel;
        this.name = name;
    }

    static OutputTarget stdout() {
        return new OutputTarget(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), null,
                "stdout");
    }

    static OutputTarget file(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
            return new OutputTarget(new BufferedOutputStream(raw, 1 << 16), ch, path.toString());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot open output file " + path + ": " + e.getMessage());
        }
    }

    OutputStream stream() {
        return stream;
    }

    /** @return whether output is a file that needs fsync before acknowledging */
    boolean isFile() {
        return channel != null;
    }

    void flush() {
        try {
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to " + name + " failed", e);
        }
    }

    /** Flushes and, for a file, forces the data to disk. */
    void sync() {
        flush();
        if (channel != null) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("fsync of " + name + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            sync();
        } finally {
            if (channel != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // already flushed and synced above
                }
            }
        }
    }
}
