package io.walstream.transport.nio;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The read side of an {@link NioTransport}: reads the socket straight into the caller's buffer, and when
 * nothing is there waits on the transport's read {@link Selector} until bytes arrive, the deadline passes or
 * the transport is closed.
 *
 * <p>It holds no bytes of its own, so a slow reader leaves bytes in the kernel and TCP flow control slows the
 * peer (BS-08). A successful read allocates nothing. A read after {@link #close()} throws
 * {@link ClosedChannelException}; a read blocked when another thread closes the transport throws
 * {@link AsynchronousCloseException}. An interrupt of the reading thread ends a waiting read with an
 * {@link InterruptedIOException} and leaves the connection open and the interrupt status set.
 *
 * <p><b>Thread safety:</b> one reader thread at a time. {@link #close()} may be called from any thread and
 * wakes a blocked read.
 */
final class NioByteSource implements ByteSource {

    private final NioTransport transport;
    private final SocketChannel channel;
    private final Selector selector;

    /**
     * @param transport the transport this side belongs to, closed as a whole
     * @param channel the transport's connected, non-blocking channel
     * @param selector the transport's read selector, holding the channel's {@code OP_READ} key
     */
    NioByteSource(NioTransport transport, SocketChannel channel, Selector selector) {
        this.transport = transport;
        this.channel = channel;
        this.selector = selector;
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("read() needs a buffer with remaining space, got " + dst);
        }
        if (transport.isClosed()) {
            throw new ClosedChannelException();
        }
        try {
            int n = ChunkedIo.read(channel, dst);
            if (n != 0 || timeoutNanos <= 0) {
                return n;
            }
            return await(dst, timeoutNanos);
        } catch (ClosedSelectorException e) {
            throw closedWhileReading(e);
        }
    }

    private int await(ByteBuffer dst, long timeoutNanos) throws IOException {
        boolean forever = timeoutNanos == Long.MAX_VALUE;
        long start = System.nanoTime();
        while (true) {
            if (forever) {
                selector.select();
            } else {
                long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    return 0;
                }
                selector.select(SelectTimeouts.millis(remaining));
            }
            selector.selectedKeys().clear();
            if (transport.isClosed()) {
                throw new AsynchronousCloseException();
            }
            int n = ChunkedIo.read(channel, dst);
            if (n != 0) {
                return n;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("nio read from " + transport.info().endpoint()
                        + " was interrupted; the transport is still open");
            }
        }
    }

    private static IOException closedWhileReading(ClosedSelectorException cause) {
        AsynchronousCloseException closed = new AsynchronousCloseException();
        closed.initCause(cause);
        return closed;
    }

    /** Closes the whole transport: the source and the connection under it. */
    @Override
    public void close() throws IOException {
        transport.close();
    }

    @Override
    public String toString() {
        return "NioByteSource{" + transport.info().endpoint() + "}";
    }
}
