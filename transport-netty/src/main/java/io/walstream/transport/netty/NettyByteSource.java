package io.walstream.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.walstream.spi.ByteSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read side of a {@link NettyTransport}: the inbound {@link ByteBuf}s that {@link TransportHandler} hands
 * over on the event loop, in a single-producer single-consumer linked queue ({@link ReadQueue}), drained by
 * the blocking {@link #read} on the caller's thread.
 *
 * <p>The hand-off is built so that the reader pays as little as possible per read: the event loop appends a
 * buffer with one volatile write and wakes the reader ({@link LockSupport#unpark}) only if it is parked, so a
 * reader that is busy with earlier bytes is never signalled; the reader copies straight from the queued
 * buffers into the caller's buffer, several buffers per call when they fit, and parks only when the queue is
 * empty. The only lock is the reader's own, uncontended except against {@link #close()}, which must not
 * release a buffer the reader is copying from.
 *
 * <p>Backpressure: every queued buffer counts as its readable bytes, but at least {@link #MIN_COST} (its
 * object overhead, for a peer that trickles single bytes). Once the count reaches the high-water mark
 * ({@code READ_BUFFER_SIZE}) the event loop switches the channel's {@code autoRead} off, so Netty stops
 * reading after the buffer in hand; once the reader drains the count to half the mark, it asks the event
 * loop to switch {@code autoRead} back on and read. Memory therefore stays near the high-water mark plus one
 * socket read while the peer is sending. (Once the peer has closed its side, Netty's epoll transport reads
 * what the kernel already holds, at most the socket receive buffer, regardless of {@code autoRead}, to find
 * the end of stream.) A read that fills less than half of its buffer, and any read of at most
 * {@link #SMALL_READ} bytes, is queued as an exact-size heap copy, so a slow reader never pins large pooled
 * buffers for a few bytes each. End of stream and failures are reported only after every queued byte was
 * read.
 *
 * <p><b>Thread safety:</b> one reader thread at a time; the event loop feeds it concurrently, and
 * {@link #close()} may be called from any thread and wakes a blocked read at once.
 */
final class NettyByteSource implements ByteSource {

    /** Reads up to this many bytes are queued as exact-size heap copies, releasing the pooled buffer at once. */
    static final int SMALL_READ = 4096;

    /** The least a queued buffer counts for against the high-water mark: its object overhead, roughly. */
    static final int MIN_COST = 256;

    private final String endpoint;
    private final long highWater;
    private final long lowWater;
    private final ReadQueue queue = new ReadQueue();
    /** Bytes queued, each buffer counted as at least {@link #MIN_COST}; added by the event loop, taken by the reader. */
    private final AtomicLong retained = new AtomicLong();
    /** The reader's lock: held while it takes from the queue, and by close while it releases what is queued. */
    private final ReentrantLock consumer = new ReentrantLock();
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    private final Runnable resume = this::resumeOnEventLoop;
    /** The reader while it is parked waiting for data, else {@code null}. */
    private volatile Thread waiter;
    private volatile Channel channel;
    private volatile Closeable owner;
    /** Written on the event loop only; read by the reader to decide whether to ask for a resume. */
    private volatile boolean paused;
    private volatile boolean endOfStream;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * @param endpoint the endpoint, for messages
     * @param highWater the queued byte count at which reading from the network stops; at least 1
     */
    NettyByteSource(String endpoint, int highWater) {
        this.endpoint = endpoint;
        this.highWater = Math.max(1, highWater);
        this.lowWater = this.highWater / 2;
    }

    /** Binds the channel; called on the event loop when the handler is added, before any data. */
    void bind(Channel ch) {
        this.channel = ch;
    }

    /** Sets what {@link #close()} closes: the whole transport. */
    void owner(Closeable transport) {
        this.owner = transport;
    }

    // ---- event loop side (the queue's only producer) --------------------------------------------------------

    /** Takes ownership of {@code buf}; called on the event loop. */
    void onData(ByteBuf buf) {
        int n = buf.readableBytes();
        if (closed || endOfStream || n == 0) {
            buf.release();
            return;
        }
        ByteBuf queued = buf;
        if (n <= SMALL_READ || buf.capacity() > 2 * n) {
            queued = Unpooled.buffer(n, n);
            queued.writeBytes(buf);
            buf.release();
        }
        int cost = Math.max(n, MIN_COST);
        long now = retained.addAndGet(cost); // counted before the reader can see it: the count never goes negative
        queue.add(queued, cost);
        wakeReader();
        if (closed) {
            releaseQueued(); // close ran concurrently and may have missed this buffer
            return;
        }
        if (!paused && now >= highWater) {
            pause();
        }
    }

    private void pause() {
        paused = true;
        // On the event loop: Netty's read loop checks autoRead and stops after the buffer in hand.
        channel.config().setAutoRead(false);
        if (retained.get() <= lowWater) {
            // The reader drained below the low-water mark before it could see the pause: it will not ask.
            resumeOnEventLoop();
        }
    }

    /** Records the end of input (peer closed or half-closed); called on the event loop. */
    void onEndOfStream() {
        endOfStream = true;
        wakeReader();
    }

    /** Records a failure, reported after the bytes queued before it; called on the event loop. */
    void onFailure(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        wakeReader();
    }

    private void wakeReader() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Switches reading back on if the reader drained below the low-water mark; on the event loop. */
    private void resumeOnEventLoop() {
        resumeScheduled.set(false);
        if (!paused || closed || endOfStream || retained.get() > lowWater) {
            return;
        }
        paused = false;
        Channel ch = channel;
        try {
            ch.config().setAutoRead(true);
            ch.read();
        } catch (RuntimeException e) {
            // Netty's epoll channel drops the fd's read interest once the peer's FIN has been read; turning
            // reads back on then fails with ENOENT although nothing is lost.
            if (!inputEnded()) {
                onFailure(e);
            }
        }
    }

    private boolean inputEnded() {
        Channel ch = channel;
        return endOfStream || closed || !ch.isActive()
                || (ch instanceof io.netty.channel.socket.DuplexChannel
                    && ((io.netty.channel.socket.DuplexChannel) ch).isInputShutdown());
    }

    // ---- reader side (the queue's consumer) -------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!queue.hasData() && !awaitData(timeoutNanos)) {
            if (closed) {
                throw closedException();
            }
            if (queue.hasData()) {
                return take(dst); // bytes that arrived just before the end or failure were seen
            }
            Throwable f = failure;
            if (f != null) {
                throw new IOException("Reading from netty transport at " + endpoint + " failed: " + f
                        + "; the connection is unusable, open a new one", f);
            }
            return endOfStream ? -1 : 0;
        }
        return take(dst);
    }

    /**
     * Waits until the queue has data, or the source closed, failed or ended, or the time is up.
     *
     * @return whether there is data to take (and the source is not closed)
     */
    private boolean awaitData(long timeoutNanos) throws InterruptedIOException {
        long deadline = timeoutNanos == Long.MAX_VALUE || timeoutNanos <= 0 ? 0 : System.nanoTime() + timeoutNanos;
        long remaining = timeoutNanos;
        while (true) {
            if (closed || failure != null || endOfStream) {
                return false; // the caller re-checks the queue: data queued before an end or failure comes first
            }
            if (remaining <= 0) {
                return false;
            }
            waiter = Thread.currentThread();
            // Re-check after publishing the waiter: the event loop appends, then reads the waiter.
            if (!queue.hasData() && !closed && failure == null && !endOfStream) {
                if (timeoutNanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remaining);
                }
            }
            waiter = null;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while reading from netty transport at " + endpoint);
            }
            if (queue.hasData()) {
                return !closed;
            }
            if (timeoutNanos != Long.MAX_VALUE) {
                remaining = deadline - System.nanoTime();
            }
        }
    }

    /** Copies queued bytes into {@code dst}, releasing every buffer it empties; there is data queued. */
    private int take(ByteBuffer dst) throws IOException {
        int total;
        long freed;
        consumer.lock();
        try {
            if (closed) {
                throw closedException();
            }
            total = queue.drainInto(dst);
            freed = queue.taken();
        } finally {
            consumer.unlock();
        }
        long now = retained.addAndGet(-freed);
        if (paused && now <= lowWater && resumeScheduled.compareAndSet(false, true)) {
            // Via the event loop, so it runs after the setAutoRead(false) that paused it; it re-checks there.
            channel.eventLoop().execute(resume);
        }
        return total;
    }

    /** Closes the whole transport, which calls {@link #markClosed()}. */
    @Override
    public void close() throws IOException {
        Closeable o = owner;
        if (o != null) {
            o.close();
        } else {
            markClosed();
        }
    }

    /** Marks this side closed, releases every queued buffer and wakes a blocked reader. */
    void markClosed() {
        closed = true;
        wakeReader();
        releaseQueued();
    }

    private void releaseQueued() {
        consumer.lock();
        try {
            retained.addAndGet(-queue.releaseAll());
        } finally {
            consumer.unlock();
        }
    }

    /** @return bytes queued and not yet read; for tests */
    long queuedBytes() {
        consumer.lock();
        try {
            return queue.readableBytes();
        } finally {
            consumer.unlock();
        }
    }

    /** @return the high-water mark in bytes; for tests */
    long highWater() {
        return highWater;
    }

    private IOException closedException() {
        return new IOException("Read from netty transport at " + endpoint
                + " after it was closed; open a new connection");
    }
}
