package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.spi.TransportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NettyByteSourceTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final NettyTransportProvider provider = new NettyTransportProvider();

    private NettyTransport connect(LoopbackPeer peer, boolean preferNative) throws IOException {
        return (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.builder()
                .set(NettyTransportOptions.PREFER_NATIVE, preferNative).build());
    }

    @Test
    void returnsAvailableBytesAtOnceThenTimesOutThenEndOfStream() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, true)) {
            ByteBuffer dst = ByteBuffer.allocate(100);
            assertEquals(0, t.source().read(dst, 0), "poll with nothing there");

            long start = System.nanoTime();
            assertEquals(0, t.source().read(dst, TimeUnit.MILLISECONDS.toNanos(200)));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(190) && waited < 2 * SECOND, "waited " + waited);

            Socket s = peer.socket();
            s.getOutputStream().write(new byte[] {1, 2, 3});
            s.getOutputStream().flush();
            start = System.nanoTime();
            int n = t.source().read(dst, Long.MAX_VALUE);
            assertTrue(System.nanoTime() - start < SECOND, "must not wait to fill dst");
            assertTrue(n >= 1 && n <= 3);
            while (dst.position() < 3) {
                assertTrue(t.source().read(dst, 5 * SECOND) > 0);
            }
            assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(dst.array(), 3));

            s.getOutputStream().write(new byte[] {4, 5});
            s.close();
            ByteBuffer rest = ByteBuffer.allocate(10);
            while (rest.position() < 2) {
                assertTrue(t.source().read(rest, 5 * SECOND) > 0);
            }
            assertEquals(-1, t.source().read(rest, 5 * SECOND), "-1 after every byte");
            assertEquals(-1, t.source().read(rest, 0), "and again");
        }
    }

    @Test
    void respectsDestinationBounds() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, true)) {
            peer.socket().getOutputStream().write(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
            ByteBuffer dst = ByteBuffer.allocate(10);
            dst.position(2).limit(5);
            int total = 0;
            while (dst.hasRemaining()) {
                total += t.source().read(dst, 5 * SECOND);
            }
            assertEquals(3, total);
            assertArrayEquals(new byte[] {0, 0, 9, 9, 9, 0, 0, 0, 0, 0}, dst.array());
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksARead() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, true)) {
            AtomicLong closedAt = new AtomicLong();
            CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.source().read(ByteBuffer.allocate(16), Long.MAX_VALUE);
                } catch (IOException e) {
                    return e;
                }
            });
            assertTrue(io.walstream.testkit.ReadProbe.awaitBlockedRead(t.source(), java.time.Duration.ofSeconds(5)),
                    "the read was never seen blocked");
            assertTrue(!reader.isDone(), "read should block on an idle connection");
            closedAt.set(System.nanoTime());
            t.close();
            Object outcome = reader.get(1, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - closedAt.get() < SECOND);
            assertTrue(Integer.valueOf(-1).equals(outcome) || outcome instanceof IOException, "got " + outcome);

            long start = System.nanoTime();
            try {
                assertEquals(-1, t.source().read(ByteBuffer.allocate(4), Long.MAX_VALUE));
            } catch (IOException expected) {
                // also allowed
            }
            assertTrue(System.nanoTime() - start < SECOND / 10, "read after close must not block");
        }
    }

    @Test
    void closeReleasesQueuedBuffers() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, true)) {
            peer.socket().getOutputStream().write(new byte[64 * 1024]);
            NettyByteSource source = (NettyByteSource) t.source();
            long deadline = System.nanoTime() + 5 * SECOND;
            while (source.queuedBytes() < 64 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(64 * 1024, source.queuedBytes());
            t.source().close();
            assertEquals(0, source.queuedBytes());
        }
    }

    @ParameterizedTest(name = "preferNative={0}")
    @ValueSource(booleans = {true, false})
    void connectionResetIsAnIOExceptionFromRead(boolean preferNative) throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, preferNative)) {
            Socket s = peer.socket();
            t.sink().write(ByteBuffer.wrap(new byte[] {1}));
            t.sink().flush();
            assertEquals(1, s.getInputStream().read());
            s.setSoLinger(true, 0);
            s.close(); // RST
            ByteBuffer dst = ByteBuffer.allocate(16);
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> t.source().read(dst, 5 * SECOND));
            assertTrue(e.getMessage().contains(peer.endpoint().toString()), e.getMessage());
            assertTrue(e.getCause() != null);
        }
    }

    @ParameterizedTest(name = "preferNative={0}")
    @ValueSource(booleans = {true, false})
    void slowReaderKeepsMemoryBoundedAndGetsEveryByteOnce(boolean preferNative) throws Exception {
        final int block = 1024 * 1024;
        final int blocks = 256;
        try (LoopbackPeer peer = new LoopbackPeer(); NettyTransport t = connect(peer, preferNative)) {
            NettyByteSource source = (NettyByteSource) t.source();
            long bound = source.highWater() + 256 * 1024;
            Socket s = peer.socket();
            // Set just before the peer closes. After its FIN, Netty's epoll transport reads whatever the kernel
            // already holds (at most the socket receive buffer) regardless of autoRead, to find the end of
            // stream; so the strict bound holds only while the peer is still sending.
            java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                byte[] data = new byte[block];
                new Random(42).nextBytes(data);
                CRC32 crc = new CRC32();
                try (OutputStream out = s.getOutputStream()) {
                    for (int i = 0; i < blocks; i++) {
                        data[0] = (byte) i;
                        data[block - 1] = (byte) (i * 31);
                        crc.update(data);
                        out.write(data);
                    }
                    closing.set(true);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return crc.getValue();
            });

            long maxQueued = 0;
            long until = System.nanoTime() + 1500 * TimeUnit.MILLISECONDS.toNanos(1);
            while (System.nanoTime() < until) {
                maxQueued = Math.max(maxQueued, source.queuedBytes());
                assertTrue(maxQueued <= bound, "queued " + maxQueued + " > " + bound);
                Thread.sleep(10);
            }
            assertTrue(maxQueued >= source.highWater(), "should have filled to the high-water mark: " + maxQueued);
            assertTrue(!sent.isDone(), "the peer should be blocked by TCP backpressure");

            CRC32 crc = new CRC32();
            ByteBuffer dst = ByteBuffer.allocate(64 * 1024);
            long total = 0;
            while (true) {
                dst.clear();
                int n = t.source().read(dst, 10 * SECOND);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    fail("stalled after " + total + " bytes");
                }
                crc.update(dst.array(), 0, n);
                total += n;
                long q = source.queuedBytes();
                if (!closing.get()) {
                    maxQueued = Math.max(maxQueued, q);
                    assertTrue(q <= bound || closing.get(), "queued " + q + " > " + bound + " while the peer sends");
                }
                assertTrue(q <= bound + 64L * 1024 * 1024, "queued " + q + ": unbounded");
            }
            assertEquals((long) block * blocks, total);
            assertEquals(sent.get(10, TimeUnit.SECONDS).longValue(), crc.getValue());
            System.out.println("max queued bytes " + maxQueued + " (high water " + source.highWater() + ")");
        }
    }
}
