package io.walstream.transport.nio;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code nio} connection: a connected, non-blocking {@link SocketChannel}, a {@link Selector} the reader
 * waits on for {@code OP_READ} and a second one writers wait on for {@code OP_WRITE}, so a write never
 * disturbs a blocked read.
 *
 * <p><b>Thread safety:</b> the accessors may be called from any thread. {@link #close()} may be called from
 * any thread, any number of times; the first call closes the channel and both selectors and wakes a reader or
 * writer blocked on them.
 */
final class NioTransport implements Transport {

    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final TransportInfo info;
    private final NioByteSource source;
    private final NioByteSink sink;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param channel the connected channel, non-blocking and registered with both selectors
     * @param readSelector the selector holding the channel's {@code OP_READ} key
     * @param writeSelector the selector holding the channel's {@code OP_WRITE} key
     * @param info facts about the connection
     * @param writeTimeoutNanos how long a write may wait for the peer, {@link Long#MAX_VALUE} for no limit
     */
    NioTransport(SocketChannel channel, Selector readSelector, Selector writeSelector, TransportInfo info,
                 long writeTimeoutNanos) {
        this.channel = channel;
        this.readSelector = readSelector;
        this.writeSelector = writeSelector;
        this.info = info;
        this.source = new NioByteSource(this, channel, readSelector);
        this.sink = new NioByteSink(this, channel, writeSelector, writeTimeoutNanos);
    }

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteSink sink() {
        return sink;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed.get();
    }

    /** @return the channel, for tests that check socket options */
    SocketChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IOException failure = null;
        try {
            channel.close();
        } catch (IOException e) {
            failure = e;
        }
        // A selector holds a closed channel's socket open until it deregisters the key, so closing the
        // selectors also releases the socket. Selector.close() wakes a thread blocked in select() first.
        readSelector.wakeup();
        writeSelector.wakeup();
        failure = closeSelector(readSelector, failure);
        failure = closeSelector(writeSelector, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException closeSelector(Selector selector, IOException failure) {
        try {
            selector.close();
            return failure;
        } catch (IOException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    @Override
    public String toString() {
        return "NioTransport{" + info.endpoint() + ", local=" + info.localAddress() + ", remote="
                + info.remoteAddress() + (closed.get() ? ", closed" : "") + "}";
    }
}
