package io.walstream.codec;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ByteSource} that plays a script: byte chunks (delivered as far as the caller's buffer allows, the
 * rest on later reads), timeouts (a read returning 0), I/O failures and side actions, then end of stream
 * (-1) or, with {@link #idleWhenDone()}, endless timeouts.
 *
 * <p>It counts reads and records every distinct backing array the decoder read into, so tests can check
 * that no I/O happened and that memory grew only with the bytes that arrived.
 */
public final class ScriptedByteSource implements ByteSource {

    private static final Object TIMEOUT = new Object();

    private final ArrayDeque<Object> script = new ArrayDeque<>();
    private final Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean idleWhenDone;
    private boolean closed;
    private int reads;
    private long bytesDelivered;
    private long allocatedBytes;
    private int maxCapacity;
    private long maxTimeoutNanos = Long.MIN_VALUE;

    /** @return a source that delivers {@code chunks} in order (each on its own read at most), then -1 */
    public static ScriptedByteSource of(byte[]... chunks) {
        ScriptedByteSource s = new ScriptedByteSource();
        for (byte[] c : chunks) {
            s.chunk(c);
        }
        return s;
    }

    /** @return a source that delivers {@code data} in pieces of at most {@code size} bytes, then -1 */
    public static ScriptedByteSource inPieces(byte[] data, int size) {
        ScriptedByteSource s = new ScriptedByteSource();
        for (int i = 0; i < data.length; i += size) {
            s.chunk(Arrays.copyOfRange(data, i, Math.min(data.length, i + size)));
        }
        return s;
    }

    public ScriptedByteSource chunk(byte[] bytes) {
        if (bytes.length > 0) {
            script.add(bytes.clone());
        }
        return this;
    }

    /** Adds one read that returns 0, as if the deadline passed. */
    public ScriptedByteSource timeout() {
        script.add(TIMEOUT);
        return this;
    }

    /** Adds one read that throws {@code e}. */
    public ScriptedByteSource fail(IOException e) {
        script.add(e);
        return this;
    }

    /** Runs {@code action} when a read reaches this point, then goes on with the script in the same read. */
    public ScriptedByteSource action(Runnable action) {
        script.add(action);
        return this;
    }

    /** Once the script is played, reads wait out their timeout (at most 20 ms) and return 0 instead of -1. */
    public ScriptedByteSource idleWhenDone() {
        idleWhenDone = true;
        return this;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (closed) {
            throw new IOException("source closed");
        }
        reads++;
        maxTimeoutNanos = Math.max(maxTimeoutNanos, timeoutNanos);
        if (!dst.hasRemaining()) {
            throw new AssertionError("the decoder passed a buffer without remaining space");
        }
        if (dst.hasArray() && arrays.add(dst.array())) {
            allocatedBytes += dst.array().length;
        }
        maxCapacity = Math.max(maxCapacity, dst.capacity());
        while (true) {
            Object step = script.poll();
            if (step == null) {
                if (!idleWhenDone) {
                    return -1;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(20))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                return 0;
            }
            if (step == TIMEOUT) {
                return 0;
            }
            if (step instanceof IOException) {
                throw (IOException) step;
            }
            if (step instanceof Runnable) {
                ((Runnable) step).run();
                continue;
            }
            byte[] chunk = (byte[]) step;
            int n = Math.min(chunk.length, dst.remaining());
            dst.put(chunk, 0, n);
            if (n < chunk.length) {
                script.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
            }
            bytesDelivered += n;
            return n;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** @return how many times {@link #read} was called */
    public synchronized int reads() {
        return reads;
    }

    /** @return bytes handed to the decoder so far */
    public synchronized long bytesDelivered() {
        return bytesDelivered;
    }

    /** @return the summed length of every distinct array the decoder read into */
    public synchronized long allocatedBytes() {
        return allocatedBytes;
    }

    /** @return the largest buffer capacity the decoder read into */
    public synchronized int maxCapacity() {
        return maxCapacity;
    }

    /** @return the largest timeout passed to {@link #read}, or {@link Long#MIN_VALUE} if never read */
    public synchronized long maxTimeoutNanos() {
        return maxTimeoutNanos;
    }
}
