package io.walstream.bench;

import io.walstream.spi.ByteSource;
import java.nio.ByteBuffer;

/**
 * A {@link ByteSource} over a byte array, for benchmarks: each read delivers as many bytes as fit in
 * {@code dst} (at most {@link #MAX_READ}, like a socket handing over up to 64 KiB per read), never waits,
 * and returns {@code -1} once the array is exhausted.
 *
 * <p><b>Thread safety:</b> not thread-safe; one reader.
 */
final class InMemoryByteSource implements ByteSource {

    /** The most bytes one read delivers. */
    static final int MAX_READ = 64 * 1024;

    private final byte[] data;
    private int position;

    InMemoryByteSource(byte[] data) {
        this.data = data;
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) {
        int left = data.length - position;
        if (left == 0) {
            return -1;
        }
        int n = Math.min(Math.min(left, dst.remaining()), MAX_READ);
        dst.put(data, position, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        position = data.length;
    }
}
