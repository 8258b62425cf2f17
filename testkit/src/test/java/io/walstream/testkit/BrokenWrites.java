package io.walstream.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Deliberately broken write sides, each violating one rule (see {@link BrokenSuites} for the catalogue).
 *
 * <p><b>Thread safety:</b> each breaker is as thread-safe as the plain transport it wraps, unless it says otherwise.
 */
final class BrokenWrites {

    private BrokenWrites() {
    }

    /**
     * Sends a heap buffer's backing array from index 0 instead of from its position (breaks FX-02, whose client
     * bytes are written as slices of one array; WR-01 writes whole arrays and still passes).
     */
    static final class WriteIgnoresSourcePosition extends BrokenTransports.Forwarding {
        WriteIgnoresSourcePosition(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            if (!src.hasArray()) {
                delegate.write(src);
                return;
            }
            int n = src.remaining();
            delegate.write(ByteBuffer.wrap(src.array(), src.arrayOffset(), n)); // the bug: not + position()
            src.position(src.limit());
        }
    }

    /** read() and write() share one lock, so a write waits for a blocked read to return (breaks WR-02). */
    static final class OneLockForReadAndWrite extends BrokenTransports.Forwarding {
        OneLockForReadAndWrite(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            return delegate.read(dst, timeoutNanos);
        }

        @Override
        public synchronized void write(ByteBuffer src) throws IOException {
            delegate.write(src);
        }

        @Override
        public synchronized void flush() throws IOException {
            delegate.flush();
        }
    }

    /** Takes at most 1 MiB per write() and leaves the rest in the source buffer, as one partial socket write would (breaks WR-04). */
    static final class TakesOneMebibytePerWrite extends BrokenTransports.Forwarding {
        TakesOneMebibytePerWrite(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            int n = Math.min(src.remaining(), 1024 * 1024);
            ByteBuffer piece = src.slice().limit(n);
            delegate.write(piece);
            src.position(src.position() + n);
        }
    }

    /** After close(), write() and flush() silently do nothing (breaks WR-05). */
    static final class DropsWritesAfterClose extends BrokenTransports.Forwarding {
        private volatile boolean closed;

        DropsWritesAfterClose(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            if (closed) {
                src.position(src.limit()); // the bug: dropped without an IOException
                return;
            }
            delegate.write(src);
        }

        @Override
        public void flush() throws IOException {
            if (!closed) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            delegate.close();
        }
    }

    /**
     * Declares {@link Capability#WRITE_TIMEOUT} but writes with blocking socket streams that no deadline can stop
     * (breaks OP-03). The plain transport as it is: its suite declares the capability.
     */
    static final class IgnoresWriteTimeout extends BrokenTransports.Forwarding {
        IgnoresWriteTimeout(PlainSocketTransport d) {
            super(d);
        }
    }
}
