package io.walstream.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

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
    private final ReaderGoneGuard guard;

    private OutputTarget(ReaderGoneGuard guard, FileChannel channel, String name) {
        this.guard = guard;
        this.stream = new BufferedOutputStream(guard, 1 << 16);
        this.channel = channel;
        this.name = name;
    }

    static OutputTarget stdout() {
        return new OutputTarget(new ReaderGoneGuard(new FileOutputStream(FileDescriptor.out)), null, "stdout");
    }

    static OutputTarget file(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
            return new OutputTarget(new ReaderGoneGuard(raw), ch, path.toString());
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

    /**
     * @return whether a write failed because the reading end is gone (EPIPE: {@code walstream stream | head -1}
     *         after head exited); the stream then stops quietly, as other Unix tools do on SIGPIPE
     */
    boolean readerGone() {
        return guard.readerGone;
    }

    void flush() {
        if (guard.readerGone) {
            return; // nothing more can be written; the loop stops
        }
        try {
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to " + name + " failed", e);
        }
    }

    /** Flushes and, for a file, forces the data to disk. */
    void sync() {
        flush();
        if (channel != null && !guard.readerGone) {
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

    /**
     * Notes a write that failed with EPIPE ("Broken pipe": the JVM ignores SIGPIPE, so the write reports it) and
     * passes every byte and exception on unchanged.
     */
    private static final class ReaderGoneGuard extends FilterOutputStream {
        volatile boolean readerGone;

        ReaderGoneGuard(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw noted(e);
            }
        }

        private IOException noted(IOException e) {
            String m = e.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("broken pipe")) {
                readerGone = true;
            }
            return e;
        }
    }
}
