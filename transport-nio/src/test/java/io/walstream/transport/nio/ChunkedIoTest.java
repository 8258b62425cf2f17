package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkedIoTest {

    @Test
    void largeHeapReadsAreCappedAndKeepTheCallersLimit() throws Exception {
        byte[] sent = new byte[3 * ChunkedIo.MAX_HEAP_CHUNK + 17];
        new Random(7).nextBytes(sent);
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    peer.out().write(sent);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer dst = ByteBuffer.allocate(sent.length + 100);
            int limit = dst.limit();
            int total = 0;
            while (total < sent.length) {
                int n = transport.source().read(dst, TimeUnit.SECONDS.toNanos(5));
                assertTrue(n > 0 && n <= ChunkedIo.MAX_HEAP_CHUNK, "read " + n);
                assertEquals(limit, dst.limit());
                total += n;
            }
            writer.get(5, TimeUnit.SECONDS);
            assertEquals(sent.length, dst.position());
            assertArrayEquals(sent, Arrays.copyOf(dst.array(), sent.length));
        }
    }

    @Test
    void largeHeapWritesGoOutWholeAndLeaveTheLimit() throws Exception {
        byte[] sent = new byte[2 * ChunkedIo.MAX_HEAP_CHUNK + 5];
        new Random(8).nextBytes(sent);
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return peer.in().readNBytes(sent.length);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer src = ByteBuffer.wrap(sent);
            transport.sink().write(src);
            assertEquals(sent.length, src.limit());
            assertEquals(sent.length, src.position());
            assertArrayEquals(sent, received.get(10, TimeUnit.SECONDS));
        }
    }
}
