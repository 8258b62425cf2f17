package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The read-coalescing promises over a scripted source: a prompt small read makes the next read pause; the pause is
 * bounded by the window and by the read's timeout; an idle stream, a full read and a poll never pause; closing and
 * interrupting end a pause at once. Time bounds are generous upper bounds (the machine may be loaded); the windows
 * are long so that a missed wake-up would show as a timeout, not as a few milliseconds.
 */
class CoalescingSourceTest {

    private static final long MS = 1_000_000L;

    /** Serves queued chunks, one per read, waiting as a transport does; honours close and interrupt like nio. */
    static final class QueueSource implements ByteSource {
        final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        volatile boolean closed;
        volatile int reads;

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            reads++;
            byte[] c;
            try {
                c = timeoutNanos <= 0 ? chunks.poll() : timeoutNanos == Long.MAX_VALUE ? chunks.take()
                        : chunks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            if (closed) {
                throw new java.nio.channels.AsynchronousCloseException();
            }
            if (c == null) {
                return 0;
            }
            dst.put(c);
            return c.length;
        }

        @Override
        public void close() {
            closed = true;
            chunks.add(new byte[0]); // wakes a blocked read, which then reports the close
        }

        void add(int bytes) {
            chunks.add(new byte[bytes]);
        }

        void addLater(int bytes, long delayMillis) {
            CompletableFuture.runAsync(() -> add(bytes),
                    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
        }
    }

    private final QueueSource inner = new QueueSource();
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);

    private CoalescingSource source(long windowMillis) {
        CoalescingSource s = new CoalescingSource(inner, windowMillis * MS);
        s.enable();
        return s;
    }

    private int read(ByteSource s, long timeoutNanos) throws IOException {
        buf.clear();
        return s.read(buf, timeoutNanos);
    }

    /** One small read that found its bytes at once: the stream is flowing. */
    private void flowing(CoalescingSource s) throws IOException {
        inner.add(100);
        assertEquals(100, read(s, Long.MAX_VALUE));
        assertEquals(0, s.pauses());
    }

    @Test
    void aPromptSmallReadMakesTheNextReadPauseAtMostTheWindow() throws IOException {
        CoalescingSource s = source(200);
        flowing(s);
        inner.addLater(50, 20); // arrives during the pause, as a keepalive would
        long t0 = System.nanoTime();
        assertEquals(50, read(s, Long.MAX_VALUE));
        long took = System.nanoTime() - t0;
        assertEquals(1, s.pauses());
        assertTrue(took < 200 * MS + 2_000 * MS, "bytes that came during the pause waited " + took / MS + " ms");
    }

    @Test
    void aReadThatHadToWaitMarksTheStreamIdleAndTheNextReadDoesNotPause() throws IOException {
        CoalescingSource s = source(300);
        flowing(s);
        // Read 2 pauses (busy), then the traffic stops: its bytes come 800 ms later and are delivered as they come.
        inner.addLater(10, 800);
        assertEquals(10, read(s, Long.MAX_VALUE));
        assertEquals(1, s.pauses());
        // The first bytes after the quiet spell: already there, read without a pause.
        inner.add(20);
        long t0 = System.nanoTime();
        assertEquals(20, read(s, Long.MAX_VALUE));
        assertEquals(1, s.pauses(), "a read after an idle wait does not pause");
        assertTrue(System.nanoTime() - t0 < 250 * MS, "no pause after idle");
    }

    @Test
    void thePauseCountsAgainstTheReadTimeout() throws IOException {
        CoalescingSource s = source(10_000);
        flowing(s);
        long t0 = System.nanoTime();
        assertEquals(0, read(s, 100 * MS));
        long took = System.nanoTime() - t0;
        assertEquals(1, s.pauses());
        assertTrue(took < 3_000 * MS, "a 100 ms read with a 10 s window took " + took / MS + " ms");
    }

    @Test
    void aReadThatFilledItsBufferOrBroughtMuchDoesNotMakeTheNextPause() throws IOException {
        CoalescingSource s = source(10_000);
        inner.add(8);
        buf.clear().limit(8); // the client is behind: the read filled what it offered
        assertEquals(8, s.read(buf, Long.MAX_VALUE));
        inner.add(CoalescingSource.SMALL_READ); // much at once
        assertEquals(CoalescingSource.SMALL_READ, read(s, Long.MAX_VALUE));
        inner.add(1);
        assertEquals(1, read(s, Long.MAX_VALUE));
        assertEquals(0, s.pauses());
    }

    @Test
    void aPollNeverPauses() throws IOException {
        CoalescingSource s = source(10_000);
        flowing(s);
        inner.add(5);
        assertEquals(5, read(s, 0));
        assertEquals(0, s.pauses());
    }

    @Test
    void nothingPausesUntilTheStreamStarts() throws IOException {
        CoalescingSource s = new CoalescingSource(inner, 10_000 * MS);
        inner.add(5);
        assertEquals(5, read(s, Long.MAX_VALUE));
        inner.add(5);
        assertEquals(5, read(s, Long.MAX_VALUE));
        assertEquals(0, s.pauses());
    }

    @Test
    void closingTheSourceWakesAPausedReaderAtOnce() throws Exception {
        CoalescingSource s = source(60_000);
        flowing(s);
        CompletableFuture<Throwable> reader = pausedReader(s);
        long t0 = System.nanoTime();
        s.close();
        assertInstanceOf(ClosedChannelException.class, reader.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < 3_000 * MS);
        assertTrue(inner.closed);
    }

    @Test
    void closingTheTransportWakesAPausedReaderAtOnce() throws Exception {
        CoalescingTransport t = new CoalescingTransport(new FakeTransport(inner), 60_000 * MS);
        CoalescingSource s = (CoalescingSource) t.source();
        s.enable();
        flowing(s);
        CompletableFuture<Throwable> reader = pausedReader(s);
        long t0 = System.nanoTime();
        t.close(); // as PgConnection.close() does: the transport, not its source
        assertInstanceOf(ClosedChannelException.class, reader.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < 3_000 * MS);
        assertTrue(inner.closed);
    }

    @Test
    void anInterruptEndsAPauseAndTheReadReportsIt() throws Exception {
        CoalescingSource s = source(60_000);
        flowing(s);
        Thread[] thread = new Thread[1];
        CompletableFuture<Throwable> reader = new CompletableFuture<>();
        thread[0] = new Thread(() -> {
            try {
                read(s, Long.MAX_VALUE);
                reader.complete(null);
            } catch (Throwable e) {
                reader.complete(e);
            }
        });
        thread[0].start();
        awaitParked(thread[0]);
        long t0 = System.nanoTime();
        thread[0].interrupt();
        assertInstanceOf(InterruptedIOException.class, reader.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < 3_000 * MS);
        assertEquals(1, s.pauses());
    }

    @Test
    void theWindowIsCheckedAndZeroLeavesTheTransportAlone() {
        FakeTransport plain = new FakeTransport(inner);
        assertSame(plain, CoalescingTransport.wrap(plain, Duration.ZERO));
        assertSame(plain, CoalescingTransport.wrap(plain, null));
        assertThrows(IllegalArgumentException.class, () -> CoalescingTransport.check(Duration.ofMillis(11)));
        assertThrows(IllegalArgumentException.class, () -> CoalescingTransport.check(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> new CoalescingSource(inner, 0));
    }

    private CompletableFuture<Throwable> pausedReader(CoalescingSource s) {
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                read(s, Long.MAX_VALUE);
                result.complete(null);
            } catch (Throwable e) {
                result.complete(e);
            }
        });
        t.start();
        awaitParked(t);
        return result;
    }

    /** Waits until {@code t} parks (the pause; the queue's wait would only come after it). */
    private static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + 5_000 * MS;
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, t.getState());
    }

    /** A transport around the queue source. */
    private static final class FakeTransport implements Transport {
        private final QueueSource source;

        FakeTransport(QueueSource source) {
            this.source = source;
        }

        @Override
        public ByteSource source() {
            return source;
        }

        @Override
        public ByteSink sink() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TransportInfo info() {
            return new TransportInfo("fake", Endpoint.of("localhost", 5432), null, null, "");
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
