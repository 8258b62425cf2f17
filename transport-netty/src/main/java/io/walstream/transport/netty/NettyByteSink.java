package io.walstream.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.walstream.spi.ByteSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a {@link NettyTransport}: each {@link #write} copies its buffer into one {@link ByteBuf}
 * and writes it to the channel under a lock, so concurrent writes stay whole and in the order they took the
 * lock. When the channel is not writable (its outbound buffer is above the high-water mark) a write first
 * flushes, then waits for writability, at most {@link NettyTransportOptions#WRITE_TIMEOUT}; so a peer that
 * stops reading cannot make the process queue without limit.
 *
 * <p><b>Thread safety:</b> safe from several threads, also while another thread is blocked reading. A call
 * from the channel's own event loop thread never waits: it writes (or flushes) without blocking.
 */
final class NettyByteSink implements ByteSink {

    private final String endpoint;
    private final long timeoutNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object writability = new Object();
    private final ChannelFutureListener failureListener = this::onWriteDone;
    private volatile Channel channel;
    private volatile Closeable owner;
    private volatile boolean closed;
    private volatile Throwable failure;
    private ChannelFuture lastWrite;

    /**
     * @param endpoint the endpoint, for messages
     * @param timeoutNanos how long a write may wait for writability and a flush for completion
     */
    NettyByteSink(String endpoint, long timeoutNanos) {
        this.endpoint = endpoint;
        this.timeoutNanos = Math.max(1, timeoutNanos);
    }

    /** Binds the channel; called on the event loop when the handler is added. */
    void bind(Channel ch) {
        this.channel = ch;
    }

    /** Sets what {@link #close()} closes: the whole transport. */
    void owner(Closeable transport) {
        this.owner = transport;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        ensureUsable();
        if (!src.hasRemaining()) {
            return;
        }
        Channel ch = channel;
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to write to netty transport at " + endpoint);
        }
        try {
            ensureUsable();
            if (!ch.eventLoop().inEventLoop()) {
                awaitWritable(ch);
            }
            ByteBuf buf = ch.alloc().buffer(src.remaining());
            buf.writeBytes(src);
            ChannelFuture f = ch.write(buf);
            f.addListener(failureListener);
            lastWrite = f;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        ensureUsable();
        Channel ch = channel;
        ChannelFuture last;
        writeLock.lock();
        try {
            last = lastWrite;
            ch.flush();
        } finally {
            writeLock.unlock();
        }
        if (last != null && !ch.eventLoop().inEventLoop()) {
            try {
                if (!last.await(TimeUnit.NANOSECONDS.toMillis(timeoutNanos))) {
                    throw new IOException("Flush to netty transport at " + endpoint + " did not complete within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                            + " ms; the peer is not reading, raise NettyTransportOptions.WRITE_TIMEOUT or reconnect");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while flushing to netty transport at " + endpoint);
            }
            if (!last.isSuccess()) {
                onWriteDone(last);
            }
        }
        Throwable t = failure;
        if (t != null) {
            throw failed(t);
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

    /** Marks this side closed and wakes writers waiting for writability. */
    void markClosed() {
        closed = true;
        onWritabilityChanged();
    }

    /** Wakes writers waiting for writability; called on the event loop. */
    void onWritabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    private void awaitWritable(Channel ch) throws IOException {
        if (ch.isWritable()) {
            return;
        }
        ch.flush(); // unflushed bytes count against writability: send them, or it never comes back
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (writability) {
            while (!ch.isWritable()) {
                ensureUsable();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("Write to netty transport at " + endpoint + " waited "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms for the peer to read; "
                            + "raise NettyTransportOptions.WRITE_TIMEOUT or reconnect");
                }
                try {
                    writability.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting to write to netty transport at "
                            + endpoint);
                }
            }
        }
    }

    private void onWriteDone(ChannelFuture f) {
        if (!f.isSuccess() && failure == null && f.cause() != null) {
            failure = f.cause();
        }
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("Write to netty transport at " + endpoint
                    + " after it was closed; open a new connection");
        }
        Throwable t = failure;
        if (t != null) {
            throw failed(t);
        }
        if (!channel.isActive()) {
            throw new IOException("Write to netty transport at " + endpoint
                    + " after the connection was lost; open a new connection");
        }
    }

    private IOException failed(Throwable t) {
        return new IOException("Writing to netty transport at " + endpoint + " failed: " + t
                + "; the connection is unusable, open a new one", t);
    }
}
