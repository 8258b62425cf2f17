package io.walstream.transport.nio;

import io.walstream.spi.ByteSink;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of an {@link NioTransport}: writes go straight to the socket, and when the kernel's send
 * buffer is full the writer waits on the transport's write {@link Selector} (never the reader's) until it
 * drains. {@link #flush()} therefore has nothing to send and only checks that the sink is open.
 *
 * <p>A write has no deadline: it waits as long as the peer does not read, until the transport is closed. An
 * interrupt of a writer that is waiting closes the transport, since part of the buffer may already be sent,
 * and throws {@link ClosedByInterruptException}. Writes after {@link #close()} throw
 * {@link ClosedChannelException}.
 *
 * <p><b>Thread safety:</b> safe from several threads, also while another thread is blocked reading. A lock
 * makes each {@link #write} atomic: its bytes reach the peer contiguously, in the order the calls took the
 * lock.
 */
final class NioByteSink implements ByteSink {

    private final NioTransport transport;
    private final SocketChannel channel;
    private final Selector selector;
    private final long writeTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param transport the transport this side belongs to, closed as a whole
     * @param channel the transport's connected, non-blocking channel
     * @param selector the transport's write selector, holding the channel's {@code OP_WRITE} key
     * @param writeTimeoutNanos how long a write may make no progress, {@link Long#MAX_VALUE} for no limit
     */
    NioByteSink(NioTransport transport, SocketChannel channel, Selector selector, long writeTimeoutNanos) {
        this.transport = transport;
        this.channel = channel;
        this.selector = selector;
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            long stalledSince = 0;
            while (src.hasRemaining()) {
                if (ChunkedIo.write(channel, src) == 0) {
                    long now = System.nanoTime();
                    if (stalledSince == 0) {
                        stalledSince = now;
                    } else if (writeTimeoutNanos != Long.MAX_VALUE && now - stalledSince >= writeTimeoutNanos) {
                        transport.close();
                        throw new SocketTimeoutException("nio: writing to " + transport.info().endpoint()
                                + " made no progress for " + java.time.Duration.ofNanos(writeTimeoutNanos)
                                + " (TransportOption.writeTimeout); the peer is not reading, connection closed");
                    }
                    awaitWritable(writeTimeoutNanos == Long.MAX_VALUE ? 0
                            : Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
                                    writeTimeoutNanos - (now - stalledSince)) + 1));
                } else {
                    stalledSince = 0;
                }
            }
        } catch (ClosedSelectorException e) {
            AsynchronousCloseException closed = new AsynchronousCloseException();
            closed.initCause(e);
            throw closed;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritable(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        selector.selectedKeys().clear();
        if (transport.isClosed()) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            transport.close();
            throw new ClosedByInterruptException();
        }
    }

    /** Checks that the sink is open: every write already went to the socket. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (transport.isClosed()) {
            throw new ClosedChannelException();
        }
    }

    /** Closes the whole transport: the sink and the connection under it. */
    @Override
    public void close() throws IOException {
        transport.close();
    }

    @Override
    public String toString() {
        return "NioByteSink{" + transport.info().endpoint() + "}";
    }
}
