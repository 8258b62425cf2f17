package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Tests close the transport inside try-with-resources on purpose: closing is what they check.
@SuppressWarnings("try")
class NioByteSinkTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void writesArriveInOrderAndConsumeTheSource() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            ByteBuffer first = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer second = ByteBuffer.wrap("defg".getBytes(StandardCharsets.US_ASCII));
            transport.sink().write(first);
            transport.sink().write(second);
            transport.sink().flush();
            assertEquals(first.limit(), first.position());
            assertEquals(second.limit(), second.position());
            assertEquals("abcdefg", new String(peer.in().readNBytes(7), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void largeWriteToASlowPeerIsTakenWholeAndArrivesByteExact() throws Exception {
        TransportOptions smallBuffers = TransportOptions.builder()
                .set(TransportOption.SEND_BUFFER_SIZE, 64 * 1024).build();
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect(smallBuffers)) {
            byte[] sent = new byte[8 * 1024 * 1024];
            new Random(1).nextBytes(sent);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(200); // let the send buffer fill so the writer has to wait for OP_WRITE
                    return peer.in().readNBytes(sent.length);
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer src = ByteBuffer.wrap(sent);
            transport.sink().write(src);
            assertEquals(0, src.remaining());
            assertArrayEquals(sent, received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void writeFromASecondThreadWhileAReadIsBlocked() throws Exception {
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
            transport.sink().write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
            transport.sink().flush();
            assertEquals("ping", new String(peer.in().readNBytes(4), StandardCharsets.US_ASCII));
            assertTrue(!read.isDone(), "the read is still waiting for the server");
            peer.out().write(1);
            assertEquals(1, read.get(5, TimeUnit.SECONDS));
        }
    }

    /**
     * Several threads write framed messages (thread, sequence, length, pattern) through small socket buffers,
     * so writes are partial and wait for OP_WRITE; the peer checks that every message arrives whole.
     */
    @Test
    void concurrentWritesAreNeverInterleaved() throws Exception {
        int threads = 4;
        int messagesPerThread = 60;
        // Below 64 KiB, loopback TCP crawls on delayed ACKs; 64 KiB still makes most messages partial writes.
        TransportOptions smallBuffers = TransportOptions.builder()
                .set(TransportOption.SEND_BUFFER_SIZE, 64 * 1024).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect(smallBuffers)) {
            Future<int[]> checked = pool.submit(() -> checkMessages(peer, threads, threads * messagesPerThread));
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int seq = 0; seq < messagesPerThread; seq++) {
                        transport.sink().write(message(thread, seq, 1 + random.nextInt(192 * 1024)));
                    }
                    transport.sink().flush();
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            int[] perThread = checked.get(60, TimeUnit.SECONDS);
            for (int t = 0; t < threads; t++) {
                assertEquals(messagesPerThread, perThread[t], "messages from thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ByteBuffer message(int thread, int seq, int length) {
        ByteBuffer buf = ByteBuffer.allocate(12 + length);
        buf.putInt(thread).putInt(seq).putInt(length);
        for (int i = 0; i < length; i++) {
            buf.put(pattern(thread, seq, i));
        }
        return buf.flip();
    }

    private static byte pattern(int thread, int seq, int i) {
        return (byte) (thread * 67 + seq * 13 + i);
    }

    private static int[] checkMessages(LoopbackPeer peer, int threads, int total) throws IOException {
        DataInputStream in = new DataInputStream(peer.in());
        int[] nextSeq = new int[threads];
        for (int m = 0; m < total; m++) {
            int thread = in.readInt();
            int seq = in.readInt();
            int length = in.readInt();
            assertTrue(thread >= 0 && thread < threads, "message " + m + " has thread " + thread);
            assertEquals(nextSeq[thread], seq, "message " + m + " from thread " + thread + " out of order");
            byte[] body = in.readNBytes(length);
            assertEquals(length, body.length);
            for (int i = 0; i < length; i++) {
                if (body[i] != pattern(thread, seq, i)) {
                    throw new AssertionError("message " + m + " (thread " + thread + ", seq " + seq
                            + ") is interleaved at byte " + i);
                }
            }
            nextSeq[thread]++;
        }
        return nextSeq;
    }

    @Test
    void writeAndFlushAfterCloseThrow() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            assertDoesNotThrow(() -> transport.sink().flush());
            transport.close();
            assertThrows(IOException.class, () -> transport.sink().write(ByteBuffer.wrap(new byte[] {1})));
            assertThrows(IOException.class, () -> transport.sink().flush());
        }
    }

    @Test
    void closeUnblocksAWriterWaitingForAPeerThatDoesNotRead() throws Exception {
        TransportOptions smallBuffers = TransportOptions.builder()
                .set(TransportOption.SEND_BUFFER_SIZE, 8 * 1024).build();
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect(smallBuffers)) {
            CompletableFuture<Object> write = CompletableFuture.supplyAsync(() -> {
                try {
                    transport.sink().write(ByteBuffer.allocate(64 * 1024 * 1024));
                    return "completed";
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertTrue(!write.isDone(), "the write should be waiting for the peer");
            transport.close();
            assertTrue(write.get(1, TimeUnit.SECONDS) instanceof IOException, "the writer sees an IOException");
        }
    }

    @Test
    void closeIsIdempotentAndClosesBothSides() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            transport.close();
            transport.close();
            transport.source().close();
            transport.sink().close();
            assertTrue(!transport.channel().isOpen());
            assertEquals(-1, peer.in().read(), "the peer sees the close");
            assertThrows(IOException.class, () -> transport.source().read(ByteBuffer.allocate(1), 0));
            assertThrows(IOException.class, () -> transport.sink().write(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void sinkCloseClosesTheWholeTransport() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            transport.sink().close();
            assertTrue(transport.isClosed());
            assertEquals(-1, peer.in().read());
        }
    }

    @Test
    void clientCanStillWriteAfterThePeerHalfCloses() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            peer.socket().shutdownOutput();
            assertEquals(-1, transport.source().read(ByteBuffer.allocate(16), 5 * SECOND));
            transport.sink().write(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII)));
            transport.sink().flush();
            assertEquals("bye", new String(peer.in().readNBytes(3), StandardCharsets.US_ASCII));
        }
    }
}
