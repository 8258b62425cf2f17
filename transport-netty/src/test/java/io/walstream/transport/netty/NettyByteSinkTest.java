package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.TransportOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyByteSinkTest {

    private final NettyTransportProvider provider = new NettyTransportProvider();

    @Test
    void largeWriteIsTakenWholeAndArrivesByteExact() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024 + 3];
        new Random(7).nextBytes(data);
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.defaults())) {
            Socket s = peer.socket();
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readFully(s, data.length));
            ByteBuffer src = ByteBuffer.wrap(data);
            t.sink().write(src);
            assertEquals(src.limit(), src.position(), "write consumes src");
            t.sink().write(ByteBuffer.wrap(data, 0, 10)); // waits for writability behind the 4 MiB write
            t.sink().flush();
            assertArrayEquals(data, received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void concurrentWritesArriveWholeAndInEachThreadsOrder() throws Exception {
        int threads = 4;
        int perThread = 300;
        int size = 5000;
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.defaults())) {
            Socket s = peer.socket();
            CompletableFuture<byte[]> received =
                    CompletableFuture.supplyAsync(() -> readFully(s, threads * perThread * size));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int id = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            ByteBuffer msg = ByteBuffer.allocate(size);
                            msg.put(0, (byte) id).putShort(1, (short) i);
                            for (int k = 3; k < size; k++) {
                                msg.put(k, (byte) (id * 7 + i));
                            }
                            t.sink().write(msg);
                            if (i % 50 == 0) {
                                t.sink().flush();
                            }
                        }
                        t.sink().flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            try {
                CompletableFuture.allOf(writers.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            ByteBuffer all = ByteBuffer.wrap(received.get(30, TimeUnit.SECONDS));
            int[] next = new int[threads];
            for (int m = 0; m < threads * perThread; m++) {
                int base = m * size;
                int id = all.get(base);
                int seq = all.getShort(base + 1);
                assertEquals(next[id]++, seq, "thread " + id + " order");
                for (int k = 3; k < size; k++) {
                    assertEquals((byte) (id * 7 + seq), all.get(base + k), "message " + m + " interleaved");
                }
            }
        }
    }

    @Test
    void writeAfterCloseThrows() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer()) {
            NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.defaults());
            t.sink().close();
            assertThrows(IOException.class, () -> t.sink().write(ByteBuffer.wrap(new byte[] {1})));
            assertThrows(IOException.class, () -> t.sink().flush());
            t.close();
            assertTrue(!t.channel().isOpen());
        }
    }

    @Test
    void peerHalfCloseStillAllowsWrites() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.defaults())) {
            Socket s = peer.socket();
            s.getOutputStream().write(5);
            s.shutdownOutput();
            ByteBuffer dst = ByteBuffer.allocate(4);
            assertEquals(1, t.source().read(dst, TimeUnit.SECONDS.toNanos(5)));
            assertEquals(-1, t.source().read(dst, TimeUnit.SECONDS.toNanos(5)));
            t.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            t.sink().flush();
            assertArrayEquals(new byte[] {1, 2, 3}, readFully(s, 3));
        }
    }

    private static byte[] readFully(Socket s, int n) {
        byte[] out = new byte[n];
        try {
            new DataInputStream(s.getInputStream()).readFully(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
