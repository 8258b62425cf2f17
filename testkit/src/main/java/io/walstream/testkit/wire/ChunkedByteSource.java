package io.walstream.testkit.wire;

import io.walstream.spi.ByteSource;
import java.nio.ByteBuffer;

/**
 * An in-memory {@link ByteSource} that serves a byte array in the pieces a {@link Chunking} cuts, one piece
 * (or less, if {@code dst} is smaller) per read, then -1. For decoder tests that need no socket.
 *
 * <p><b>Thread safety:</b> one reader thread; {@link #close()} from any thread.
 */
public final class ChunkedByteSource implements ByteSource {

    private final byte[] data;
    private final int[] cuts;
    private int pos;
    private int cutIndex;
    private volatile boolean closed;
    private int reads;

    /**
     * @param data the bytes to serve
     * @param cuts ascending cut points in (0, data.length)
     */
    public ChunkedByteSource(byte[] data, int[] cuts) {
        this.data = data.clone();
        this.cuts = cuts.clone();
    }

    /**
     * @param data the bytes
     * @param chunking how to cut them
     * @param frameBoundaries frame ends for boundary-based chunkings
     * @return the source
     */
    public static ChunkedByteSource of(byte[] data, Chunking chunking, int[] frameBoundaries) {
        return new ChunkedByteSource(data, chunking.cutPoints(data.length, frameBoundaries));
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) {
        reads++;
        if (closed || pos >= data.length) {
            return -1;
        }
        while (cutIndex < cuts.length && cuts[cutIndex] <= pos) {
            cutIndex++;
        }
        int end = cutIndex < cuts.length ? cuts[cutIndex] : data.length;
        int n = Math.min(end - pos, dst.remaining());
        dst.put(data, pos, n);
        pos += n;
        return n;
    }

    /** @return how many times {@link #read} was called */
    public int reads() {
        return reads;
    }

    @Override
    public void close() {
        closed = true;
    }
}
