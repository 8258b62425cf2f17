package io.walstream.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberately broken read sides, each violating one BS rule (see {@link BrokenSuites} for the catalogue).
 *
 * <p><b>Thread safety:</b> each breaker is as thread-safe as the plain transport it wraps, unless it says otherwise.
 */
final class BrokenReads {

    private BrokenReads() {
    }

    /**
     * Always holds the last byte received back until more bytes arrive (a look-ahead byte); at end of stream that
     * byte is forgotten (breaks BS-02: the last byte of a frame cut by the peer's close is lost).
     */
    static final class HoldsBackLastByte extends BrokenTransports.Forwarding {
        private final ByteBuffer carry = ByteBuffer.allocate(64 * 1024 + 1);
        private boolean eof;

        HoldsBackLastByte(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (eof) {
                return -1;
            }
            ByteBuffer in = carry.slice().limit(Math.min(64 * 1024, Math.max(1, dst.remaining())));
            int n = delegate.read(in, timeoutNanos);
            if (n < 0) {
                eof = true;
                return -1; // the bug: the byte held back in carry is never delivered
            }
            carry.position(carry.position() + n);
            carry.flip();
            int deliver = Math.min(carry.remaining() - 1, dst.remaining());
            if (deliver <= 0) {
                carry.compact();
                return 0;
            }
            dst.put(carry.slice().limit(deliver));
            carry.position(carry.position() + deliver);
            carry.compact();
            return deliver;
        }
    }

    /** Treats a zero or negative timeout as "wait up to one second" instead of a poll (breaks BS-04). */
    static final class ZeroTimeoutWaits extends BrokenTransports.Forwarding {
        ZeroTimeoutWaits(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            return delegate.read(dst, timeoutNanos <= 0 ? TimeUnit.SECONDS.toNanos(1) : timeoutNanos);
        }
    }

    /** Flips one byte once 8 MiB have been delivered, as a wrapped-around 8 MiB ring would (breaks BS-07). */
    static final class CorruptsPastEightMebibytes extends BrokenTransports.Forwarding {
        private static final long AT = 8L * 1024 * 1024;
        private long delivered;

        CorruptsPastEightMebibytes(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            int start = dst.position();
            int n = delegate.read(dst, timeoutNanos);
            if (n > 0 && delivered <= AT && delivered + n > AT) {
                int at = start + (int) (AT - delivered);
                dst.put(at, (byte) ~dst.get(at));
            }
            if (n > 0) {
                delivered += n;
            }
            return n;
        }
    }

    /**
     * Reads ahead on its own thread into an unbounded queue, so the peer is never slowed by a reader that does
     * not read (breaks BS-08). Stops reading ahead at 512 MiB so that a self-test run cannot exhaust the heap.
     */
    static final class UnboundedReadAhead extends BrokenTransports.Forwarding {
        private static final byte[] EOF = new byte[0];
        private static final long SAFETY_CAP = 512L * 1024 * 1024;
        private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private final AtomicLong queued = new AtomicLong();
        private ByteBuffer head;
        private boolean eof;

        UnboundedReadAhead(PlainSocketTransport d) {
            super(d);
            Thread t = new Thread(this::pump, "broken-read-ahead");
            t.setDaemon(true);
            t.start();
        }

        private void pump() {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (true) {
                    if (queued.get() > SAFETY_CAP) {
                        Thread.sleep(10);
                        continue;
                    }
                    buf.clear();
                    int n = delegate.read(buf, TimeUnit.SECONDS.toNanos(1));
                    if (n < 0) {
                        break;
                    }
                    if (n > 0) {
                        byte[] chunk = new byte[n];
                        buf.flip().get(chunk);
                        queued.addAndGet(n);
                        queue.add(chunk);
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // closed: end of stream for the reader
            }
            queue.add(EOF);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (eof) {
                return -1;
            }
            if (head == null || !head.hasRemaining()) {
                byte[] next;
                try {
                    next = timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (next == null) {
                    return 0;
                }
                if (next == EOF) {
                    eof = true;
                    return -1;
                }
                head = ByteBuffer.wrap(next);
            }
            int n = Math.min(head.remaining(), dst.remaining());
            dst.put(head.slice().limit(n));
            head.position(head.position() + n);
            queued.addAndGet(-n);
            return n;
        }
    }

    /** After a read times out, the bytes of the next read are thrown away (breaks BS-09). */
    static final class LosesChunkAfterTimeout extends BrokenTransports.Forwarding {
        private boolean timedOut;

        LosesChunkAfterTimeout(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            int start = dst.position();
            int n = delegate.read(dst, timeoutNanos);
            if (n == 0) {
                timedOut = true;
            } else if (n > 0 && timedOut) {
                timedOut = false;
                dst.position(start); // the bug: the chunk that ends the wait is dropped
                return 0;
            }
            return n;
        }
    }

    /** Reports the peer's close only three seconds after it saw it, as a slow poll would (breaks LC-07). */
    static final class LateEof extends BrokenTransports.Forwarding {
        LateEof(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            long start = System.nanoTime();
            int n = delegate.read(dst, timeoutNanos);
            if (n < 0 && timeoutNanos > 0) {
                long wait = Math.min(timeoutNanos, TimeUnit.SECONDS.toNanos(3)) - (System.nanoTime() - start);
                if (wait > 0) {
                    BrokenTransports.sleep(wait);
                }
            }
            return n;
        }
    }
}
