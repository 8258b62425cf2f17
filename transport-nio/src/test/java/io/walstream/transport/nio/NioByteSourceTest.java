package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Tests close the transport inside try-with-resources on purpose: closing is what they check.
@SuppressWarnings("try")
class NioByteSourceTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Duration GENEROUS = Duration.ofSeconds(5);

    @Test
    void returnsAvailableBytesWithoutWaitingToFillTheBuffer() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            peer.out().write("hello".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer dst = ByteBuffer.allocate(1024);
            long start = System.nanoTime();
            int n = readSome(transport.source(), dst, 10 * SECOND);
            assertTrue(System.nanoTime() - start < 5 * SECOND, "returned without waiting for the deadline");
            assertEquals(5, n);
            dst.flip();
            assertEquals("hello", StandardCharsets.US_ASCII.decode(dst).toString());
        }
    }

    @Test
    void writesOnlyBetweenPositionAndLimit() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            byte[] sent = new byte[64];
            Arrays.fill(sent, (byte) 7);
            peer.out().write(sent);
            byte[] backing = new byte[32];
            Arrays.fill(backing, (byte) -1);
            ByteBuffer dst = ByteBuffer.wrap(backing);
            dst.position(10).limit(14);
            int n = transport.source().read(dst, 5 * SECOND);
            assertTrue(n >= 1 && n <= 4, "read " + n);
            assertEquals(10 + n, dst.position());
            assertEquals(14, dst.limit());
            for (int i = 0; i < backing.length; i++) {
                byte expected = i >= 10 && i < 10 + n ? (byte) 7 : (byte) -1;
                assertEquals(expected, backing[i], "byte " + i);
            }
        }
    }

    @Test
    void deadlineWithNothingToReadReturnsZero() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            long timeout = TimeUnit.MILLISECONDS.toNanos(200);
            long start = System.nanoTime();
            int n = transport.source().read(ByteBuffer.allocate(16), timeout);
            long elapsed = System.nanoTime() - start;
            assertEquals(0, n);
            assertTrue(elapsed >= timeout, "returned early after " + elapsed + " ns");
            assertTrue(elapsed < 2 * SECOND, "returned late after " + elapsed + " ns");
        }
    }

    @Test
    void zeroOrNegativeTimeoutPollsWithoutWaiting() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            assertTimeoutPreemptively(GENEROUS, () -> {
                assertEquals(0, transport.source().read(ByteBuffer.allocate(16), 0));
                assertEquals(0, transport.source().read(ByteBuffer.allocate(16), -1));
                assertEquals(0, transport.source().read(ByteBuffer.allocate(16), Long.MIN_VALUE));
            });
        }
    }

    @Test
    void subMillisecondTimeoutReturnsZeroAndNeverBlocksForever() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            assertTimeoutPreemptively(GENEROUS, () -> {
                for (long timeout : new long[] {1, 1_000, 999_999, 1_000_001}) {
                    assertEquals(0, transport.source().read(ByteBuffer.allocate(16), timeout));
                }
            });
        }
    }

    @Test
    void bytesArrivingAfterATimedOutReadAreDelivered() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            assertEquals(0, transport.source().read(dst, TimeUnit.MILLISECONDS.toNanos(20)));
            peer.out().write(new byte[] {1, 2, 3});
            assertEquals(3, readFully(transport.source(), dst, 3));
            assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(dst.array(), 3));
        }
    }

    @Test
    void waitingReadWakesWhenBytesArrive() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return transport.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(transport.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            peer.out().write(42);
            assertEquals(1, read.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void peerCloseIsEndOfStreamAfterEveryByte() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            byte[] sent = new byte[300_000];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (byte) (i * 31);
            }
            Thread writer = new Thread(() -> {
                try {
                    peer.out().write(sent);
                    peer.socket().close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            ByteBuffer dst = ByteBuffer.allocate(sent.length + 1);
            int total = 0;
            while (true) {
                int n = transport.source().read(dst, 5 * SECOND);
                if (n == -1) {
                    break;
                }
                assertTrue(n > 0, "no bytes and no EOF within 5 s");
                total += n;
            }
            writer.join();
            assertEquals(sent.length, total);
            assertArrayEquals(sent, Arrays.copyOf(dst.array(), total));
            assertEquals(-1, transport.source().read(ByteBuffer.allocate(1), 0), "EOF stays EOF");
        }
    }

    @Test
    void peerCloseWakesAnIdleReaderWithMinusOne() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                reading.countDown();
                try {
                    return transport.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            reading.await();
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(transport.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            peer.socket().close();
            assertEquals(-1, read.get(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksABlockedReadWithinOneSecond() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
                reading.countDown();
                try {
                    return transport.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE);
                } catch (IOException e) {
                    return e;
                }
            });
            reading.await();
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(transport.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            assertTrue(!read.isDone(), "read should still be blocked");
            long start = System.nanoTime();
            transport.close();
            Object outcome = read.get(1, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - start < SECOND);
            assertTrue(outcome instanceof IOException || Integer.valueOf(-1).equals(outcome),
                    "expected -1 or an IOException, got " + outcome);
            assertEquals(-1, peer.in().read(), "the peer sees the connection closed");
        }
    }

    @Test
    void closeUnblocksAReadWithADeadlineToo() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return transport.source().read(ByteBuffer.allocate(16), 60 * SECOND);
                } catch (IOException e) {
                    return e;
                }
            });
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(transport.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            transport.source().close();
            Object outcome = read.get(1, TimeUnit.SECONDS);
            assertTrue(outcome instanceof IOException || Integer.valueOf(-1).equals(outcome),
                    "expected -1 or an IOException, got " + outcome);
        }
    }

    @Test
    void readAfterCloseFailsWithoutBlocking() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            transport.close();
            assertTimeoutPreemptively(GENEROUS, () -> {
                try {
                    int n = transport.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE);
                    assertEquals(-1, n);
                } catch (IOException expected) {
                    // Either outcome is allowed by LC-02.
                }
            });
        }
    }

    @Test
    void interruptEndsAWaitingReadAndKeepsTheConnection() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    outcome.complete(transport.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE));
                } catch (IOException e) {
                    outcome.complete(e);
                }
            });
            reader.start();
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(transport.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            reader.interrupt();
            assertTrue(outcome.get(1, TimeUnit.SECONDS) instanceof InterruptedIOException,
                    "got " + outcome.get());
            reader.join();
            peer.out().write(9);
            assertEquals(1, transport.source().read(ByteBuffer.allocate(16), 5 * SECOND));
        }
    }

    @Test
    void rejectsABufferWithNoRoom() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            assertThrows(IllegalArgumentException.class,
                    () -> transport.source().read(ByteBuffer.allocate(0), 0));
        }
    }

    private static int readSome(ByteSource source, ByteBuffer dst, long timeoutNanos) throws IOException {
        int n = source.read(dst, timeoutNanos);
        if (n <= 0) {
            fail("expected bytes, got " + n);
        }
        return n;
    }

    private static int readFully(ByteSource source, ByteBuffer dst, int count) throws IOException {
        int total = 0;
        while (total < count) {
            total += readSome(source, dst, 5 * SECOND);
        }
        return total;
    }
}
