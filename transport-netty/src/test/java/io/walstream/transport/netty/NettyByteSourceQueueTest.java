package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue and backpressure mechanics of {@link NettyByteSource}, driven directly on an embedded channel. */
class NettyByteSourceQueueTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    private NettyByteSource source(int highWater) {
        NettyByteSource source = new NettyByteSource("test.invalid:1", highWater);
        source.bind(channel);
        return source;
    }

    @Test
    void smallAndSparseReadsAreCopiedAndEveryBufferIsReleased() throws IOException {
        NettyByteSource source = source(1024 * 1024);
        List<ByteBuf> given = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ByteBuf b = Unpooled.directBuffer(2048).writeByte(i);
            given.add(b);
            source.onData(b);
        }
        ByteBuf big = Unpooled.directBuffer(64 * 1024).writeZero(5000); // under half full: copied
        given.add(big);
        source.onData(big);
        assertTrue(given.stream().allMatch(b -> b.refCnt() == 0), "originals released after copying");
        assertEquals(15_000, source.queuedBytes());

        ByteBuffer dst = ByteBuffer.allocate(15_000);
        assertEquals(15_000, source.read(dst, 0), "one read takes from every queued buffer that fits");
        for (int i = 0; i < 10_000; i++) {
            assertEquals((byte) i, dst.get(i));
        }
        assertEquals(0, source.read(ByteBuffer.allocate(1), 0));
    }

    @Test
    void pausesAtHighWaterAndResumesBelowHalf() throws IOException {
        NettyByteSource source = source(10_000);
        ByteBuf held = Unpooled.directBuffer(8192).writeZero(8192); // large and full: queued as it is
        source.onData(held);
        assertTrue(channel.config().isAutoRead());
        source.onData(Unpooled.buffer(8192).writeZero(8192));
        assertFalse(channel.config().isAutoRead(), "paused at the high-water mark");

        source.read(ByteBuffer.allocate(8192), 0);
        channel.runPendingTasks();
        assertFalse(channel.config().isAutoRead(), "8192 queued is above half of 10000");
        assertEquals(0, held.refCnt(), "a fully read buffer is released");

        source.read(ByteBuffer.allocate(4000), 0);
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "resumed below half");
    }

    @Test
    void tinyBuffersCountAtLeastTheirOverheadAgainstTheHighWaterMark() throws IOException {
        NettyByteSource source = source(10 * NettyByteSource.MIN_COST);
        for (int i = 0; i < 9; i++) {
            source.onData(Unpooled.buffer(1).writeByte(i));
        }
        assertTrue(channel.config().isAutoRead(), "9 tiny buffers count 9 * MIN_COST");
        source.onData(Unpooled.buffer(1).writeByte(9));
        assertFalse(channel.config().isAutoRead(), "10 tiny buffers reach the mark although only 10 bytes are queued");
        assertEquals(10, source.queuedBytes());

        ByteBuffer dst = ByteBuffer.allocate(5);
        assertEquals(5, source.read(dst, 0));
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "5 buffers left count half the mark: resumed");
        dst = ByteBuffer.allocate(16);
        assertEquals(5, source.read(dst, 0));
        assertEquals(9, dst.get(4));
    }

    @Test
    void partialReadsLowerTheCountBeforeTheBufferIsEmptied() throws IOException {
        NettyByteSource source = source(10_000);
        ByteBuf big = Unpooled.directBuffer(12_000).writeZero(12_000);
        source.onData(big);
        assertFalse(channel.config().isAutoRead());
        source.read(ByteBuffer.allocate(7_000), 0);
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "5000 bytes left of one buffer: resumed");
        assertEquals(1, big.refCnt(), "still being read");
        source.read(ByteBuffer.allocate(7_000), 0);
        assertEquals(0, big.refCnt());
    }

    @Test
    void aResumeIsNotLostWhenTheReaderDrainsBeforeThePauseIsVisible() throws IOException {
        NettyByteSource source = source(10_000);
        source.onData(Unpooled.directBuffer(8192).writeZero(8192));
        source.read(ByteBuffer.allocate(8192), 0); // not paused yet: nothing to resume
        source.onData(Unpooled.directBuffer(12_000).writeZero(12_000));
        assertFalse(channel.config().isAutoRead());
        source.read(ByteBuffer.allocate(12_000), 0);
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "drained after the pause: resumed");
    }

    @Test
    void endOfStreamAndFailureComeAfterTheQueuedBytes() throws IOException {
        NettyByteSource source = source(1000);
        source.onData(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        source.onFailure(new IOException("reset"));
        source.onEndOfStream();
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(2, source.read(dst, 0));
        IOException e = assertThrows(IOException.class, () -> source.read(dst, 0));
        assertTrue(e.getMessage().contains("test.invalid:1"), e.getMessage());

        NettyByteSource clean = source(1000);
        clean.onData(Unpooled.wrappedBuffer(new byte[] {3}));
        clean.onEndOfStream();
        ByteBuf late = Unpooled.buffer(4).writeByte(9);
        clean.onData(late);
        assertEquals(0, late.refCnt(), "data after the end is dropped and released");
        assertEquals(1, clean.read(dst, 0));
        assertEquals(-1, clean.read(dst, Long.MAX_VALUE));
    }

    @Test
    void dataAfterCloseIsReleased() throws IOException {
        NettyByteSource source = source(1000);
        ByteBuf queued = Unpooled.directBuffer(16).writeZero(16);
        source.onData(queued);
        source.close();
        assertEquals(0, queued.refCnt());
        ByteBuf late = Unpooled.directBuffer(16).writeZero(16);
        source.onData(late);
        assertEquals(0, late.refCnt());
        assertThrows(IOException.class, () -> source.read(ByteBuffer.allocate(1), Long.MAX_VALUE));
    }
}
