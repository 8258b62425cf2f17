package io.walstream.testkit;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Deliberately broken transports, each violating one rule, for testing that the suite catches them: the
 * provider plumbing, the forwarding base, and the first breakers. More breakers live in {@link BrokenReads},
 * {@link BrokenWrites} and {@link BrokenLifecycles}; {@link BrokenSuites} is the catalogue (rule → breaker).
 */
final class BrokenTransports {

    private BrokenTransports() {
    }

    /** The provider name of every broken transport (a valid one: only LC-08's breaker uses another). */
    static final String NAME = "broken";

    /** Connects the way a broken provider does. */
    @FunctionalInterface
    interface Connector {
        Transport connect(Endpoint endpoint, TransportOptions options) throws IOException;
    }

    /** A provider named {@value #NAME} that wraps each plain transport with {@code breaker}. */
    static TransportProvider provider(Function<PlainSocketTransport, Transport> breaker) {
        PlainSocketTransportProvider plain = new PlainSocketTransportProvider();
        return provider(NAME, (endpoint, options) -> breaker.apply((PlainSocketTransport) plain.connect(endpoint, options)));
    }

    /** A provider named {@code name} that connects with {@code connector}. */
    static TransportProvider provider(String name, Connector connector) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
                return connector.connect(endpoint, options);
            }
        };
    }

    /** Base for breakers: forwards everything to the plain transport. */
    abstract static class Forwarding implements Transport, ByteSource, ByteSink {
        final PlainSocketTransport delegate;

        Forwarding(PlainSocketTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            return delegate.read(dst, timeoutNanos);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            delegate.write(src);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public ByteSource source() {
            return this;
        }

        @Override
        public ByteSink sink() {
            return this;
        }

        /** The delegate's info under the provider name {@value BrokenTransports#NAME}, so LC-06 holds. */
        @Override
        public TransportInfo info() {
            return new TransportInfo(NAME, delegate.info().endpoint(), delegate.info().localAddress(),
                    delegate.info().remoteAddress(), getClass().getSimpleName());
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /** Drops the chunk that arrives right before end of stream (breaks FX-01). */
    static final class DropsLastChunk extends Forwarding {
        private final java.util.ArrayDeque<ByteBuffer> queue = new java.util.ArrayDeque<>();
        private boolean eof;

        DropsLastChunk(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (eof) {
                return -1;
            }
            if (queue.isEmpty()) {
                ByteBuffer first = chunk(timeoutNanos);
                if (first == null) {
                    return 0;
                }
                if (!first.hasRemaining()) {
                    eof = true;
                    return -1;
                }
                queue.add(first);
            }
            ByteBuffer next = chunk(TimeUnit.MILLISECONDS.toNanos(5));
            if (next != null && !next.hasRemaining()) {
                queue.clear(); // the bug: the chunk that came right before end of stream is lost
                eof = true;
                return -1;
            }
            if (next != null) {
                queue.add(next);
            }
            ByteBuffer head = queue.peek();
            int n = Math.min(head.remaining(), dst.remaining());
            dst.put(head.slice().limit(n));
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                queue.poll();
            }
            return n;
        }

        /** @return a chunk, an empty buffer at end of stream, or null on timeout */
        private ByteBuffer chunk(long timeoutNanos) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            int n = delegate.read(b, timeoutNanos);
            if (n == 0) {
                return null;
            }
            return n < 0 ? ByteBuffer.allocate(0) : b.flip();
        }
    }

    /** Never reports end of stream: -1 becomes a timeout (breaks BS-01). */
    static final class NeverEof extends Forwarding {
        NeverEof(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            int n = delegate.read(dst, timeoutNanos);
            if (n < 0) {
                sleep(Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(200)));
                return 0;
            }
            return n;
        }
    }

    /** Waits three seconds longer than asked before reporting a timeout (breaks BS-03). */
    static final class IgnoresDeadline extends Forwarding {
        IgnoresDeadline(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            int n = delegate.read(dst, timeoutNanos);
            if (n == 0 && timeoutNanos > 0) {
                sleep(TimeUnit.SECONDS.toNanos(3));
            }
            return n;
        }
    }

    /** Sends the writes since the last flush in reverse order (breaks WR-01). */
    static final class ReordersWrites extends Forwarding {
        private final List<byte[]> pending = new ArrayList<>();

        ReordersWrites(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized void write(ByteBuffer src) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            pending.add(b);
        }

        @Override
        public synchronized void flush() throws IOException {
            for (int i = pending.size() - 1; i >= 0; i--) {
                delegate.write(ByteBuffer.wrap(pending.get(i)));
            }
            pending.clear();
            delegate.flush();
        }
    }

    /** Reads into the buffer from index 0 instead of its position (breaks BS-05). */
    static final class IgnoresPosition extends Forwarding {
        IgnoresPosition(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            ByteBuffer tmp = ByteBuffer.allocate(dst.remaining());
            int n = delegate.read(tmp, timeoutNanos);
            for (int i = 0; i < n; i++) {
                dst.put(i, tmp.get(i)); // the bug: absolute from 0, not from dst.position()
            }
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
    }

    /** Keeps reading until the buffer is full or the deadline passes (breaks BS-06). */
    static final class FillsBuffer extends Forwarding {
        FillsBuffer(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            long deadline = System.nanoTime() + timeoutNanos;
            int total = 0;
            while (dst.hasRemaining()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                int n = delegate.read(dst, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
            }
            return total;
        }
    }

    /** close() only marks the transport closed; a blocked read waits out its deadline (breaks LC-01). */
    static final class CloseDoesNotWake extends Forwarding {
        private volatile boolean closed;

        CloseDoesNotWake(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (closed) {
                return -1;
            }
            return delegate.read(dst, timeoutNanos);
        }

        @Override
        public void close() {
            closed = true; // the bug: the socket stays open until the reader comes back on its own
        }
    }

    /** Writes each buffer in small pieces without holding a lock across them (breaks WR-03). */
    static final class UnlockedPiecewiseWrites extends Forwarding {
        UnlockedPiecewiseWrites(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                int n = Math.min(512, src.remaining());
                ByteBuffer piece = src.slice().limit(n);
                src.position(src.position() + n);
                delegate.write(piece);
                java.util.concurrent.locks.LockSupport.parkNanos(100_000); // lets another writer's piece in between
            }
        }
    }

    static void sleep(long nanos) throws IOException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        }
    }
}
