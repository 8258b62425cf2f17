package io.walstream.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.walstream.spi.ByteSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read side of a {@link NettyTransport}: a byte-counted queue of the inbound {@link ByteBuf}s that
 * {@link TransportHandler} hands over on the event loop, drained by the blocking {@link #read}.
 *
 * <p>Backpressure: once the queued bytes reach the high-water mark ({@code READ_BUFFER_SIZE}) the channel's
 * {@code autoRead} is switched off on the event loop, so Netty stops reading after the buffer in hand; once a
 * reader drains the queue to half the mark, {@code autoRead} is switched back on and a read is requested.
 * Memory therefore stays near the high-water mark plus one socket read while the peer is sending. (Once the
 * peer has closed its side, Netty's epoll transport reads what the kernel already holds, at most the socket
 * receive buffer, regardless of {@code autoRead}, to find the end of stream.) End of stream and failures are
 * reported only after every queued byte was read.
 *
 * <p><b>Thread safety:</b> one reader thread at a time; the event loop feeds it concurrently, and
 * {@link #close()} may be called from any thread and wakes a blocked read at once.
 */
final class NettyByteSource implements ByteSource {

    /** Reads up to this many bytes are copied into a shared buffer instead of being queued as they are. */
    static final int SMALL_READ = 4096;

    /** Capacity of the buffers small reads are copied into. */
    static final int COALESCE_CAPACITY = 16 * 1024;

    private final String endpoint;
    private final long highWater;
    private final long lowWater;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private ByteBuf ownTail;
    /** A coalescing buffer the reader emptied, kept for the next small read instead of a fresh 16 KiB one. */
    private ByteBuf spare;
    private volatile Channel channel;
    private volatile Closeable owner;
    private long queuedBytes;
    private boolean paused;
    private boolean endOfStream;
    private Throwable failure;
    private boolean closed;

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

    // ---- event loop side -------------------------------------------------------------------------------

    /** Takes ownership of {@code buf}; called on the event loop. */
    void onData(ByteBuf buf) {
        int n = buf.readableBytes();
        boolean pause = false;
        lock.lock();
        try {
            if (closed || endOfStream || n == 0) {
                buf.release();
                return;
            }
            enqueue(buf, n);
            queuedBytes += n;
            if (!paused && queuedBytes >= highWater) {
                paused = true;
                pause = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (pause) {
            // On the event loop: Netty's read loop checks autoRead and stops after the buffer in hand.
            channel.config().setAutoRead(false);
        }
    }

    /**
     * Queues {@code buf}, or a compact copy of it: a small read is appended to the last buffer this class
     * allocated (or a fresh one), and a read that fills less than half of its buffer is copied to an exact-size
     * one, so a peer that trickles single bytes cannot pin a large pooled buffer per byte while the reader is
     * slow. Memory then stays within about twice the queued byte count.
     */
    private void enqueue(ByteBuf buf, int n) {
        if (n <= SMALL_READ) {
            ByteBuf tail = chunks.peekLast();
            if (tail == null || tail != ownTail || tail.writableBytes() < n) {
                if (spare != null) {
                    tail = spare;
                    spare = null;
                } else {
                    tail = Unpooled.buffer(COALESCE_CAPACITY);
                }
                chunks.addLast(tail);
                ownTail = tail;
            }
            tail.writeBytes(buf);
            buf.release();
        } else if (buf.capacity() > 2 * n) {
            ByteBuf copy = Unpooled.buffer(n);
            copy.writeBytes(buf);
            buf.release();
            chunks.addLast(copy);
        } else {
            chunks.addLast(buf);
        }
    }

    /** Records the end of input (peer closed or half-closed); called on the event loop. */
    void onEndOfStream() {
        lock.lock();
        try {
            endOfStream = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records a failure, reported after the bytes queued before it; called on the event loop. */
    void onFailure(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- reader side ---------------------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        int total = 0;
        boolean resume = false;
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (chunks.isEmpty()) {
                if (closed) {
                    throw closedException();
                }
                if (failure != null) {
                    throw new IOException("Reading from netty transport at " + endpoint + " failed: " + failure
                            + "; the connection is unusable, open a new one", failure);
                }
                if (endOfStream) {
                    return -1;
                }
                if (remaining <= 0) {
                    return 0;
                }
                try {
                    if (timeoutNanos == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        remaining = changed.awaitNanos(remaining);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while reading from netty transport at "
                            + endpoint);
                }
            }
            if (closed) {
                throw closedException();
            }
            while (dst.hasRemaining() && !chunks.isEmpty()) {
                ByteBuf head = chunks.peekFirst();
                int n = Math.min(head.readableBytes(), dst.remaining());
                int limit = dst.limit();
                dst.limit(dst.position() + n); // no window object per read: narrow dst, copy, restore
                try {
                    head.readBytes(dst);
                } finally {
                    dst.limit(limit);
                }
                total += n;
                if (!head.isReadable()) {
                    chunks.pollFirst();
                    if (head == ownTail) {
                        ownTail = null;
                    }
                    if (head.capacity() == COALESCE_CAPACITY && spare == null && head.refCnt() == 1
                            && !head.isDirect()) {
                        // One of ours, emptied: a stream that trickles in small reads reuses it instead of
                        // allocating (and zeroing) a fresh 16 KiB buffer for every few bytes.
                        head.clear();
                        spare = head;
                    } else {
                        head.release();
                    }
                }
            }
            queuedBytes -= total;
            if (paused && queuedBytes <= lowWater) {
                paused = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            Channel ch = channel;
            // Via the event loop, so it runs after the setAutoRead(false) that paused it; and only if the
            // handler did not pause again in between (data of a read already under way may still arrive).
            ch.eventLoop().execute(() -> {
                if (stillResumed()) {
                    try {
                        ch.config().setAutoRead(true);
                        ch.read();
                    } catch (RuntimeException e) {
                        // Netty's epoll channel drops the fd's read interest once the peer's FIN has been read;
                        // turning reads back on then fails with ENOENT although nothing is lost.
                        if (!inputEnded()) {
                            onFailure(e);
                        }
                    }
                }
            });
        }
        return total;
    }

    private boolean stillResumed() {
        lock.lock();
        try {
            return !paused && !closed && !endOfStream;
        } finally {
            lock.unlock();
        }
    }

    private boolean inputEnded() {
        lock.lock();
        try {
            return endOfStream || closed || !channel.isActive()
                    || (channel instanceof io.netty.channel.socket.DuplexChannel
                        && ((io.netty.channel.socket.DuplexChannel) channel).isInputShutdown());
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            closed = true;
            ByteBuf b;
            while ((b = chunks.pollFirst()) != null) {
                b.release();
            }
            ownTail = null;
            if (spare != null) {
                spare.release();
                spare = null;
            }
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return bytes queued and not yet read; for tests */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
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
