package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import org.junit.jupiter.api.Test;

/** The socket read size follows the read-side buffer within Netty's default and {@link Connector#MAX_READ}. */
class ReadSizeTest {

    @Test
    void largestReadIsTheReadBufferSizeWithinBounds() {
        assertEquals(64 * 1024, Connector.maxRead(1024), "never below Netty's default");
        assertEquals(128 * 1024, Connector.maxRead(128 * 1024));
        assertEquals(256 * 1024, Connector.maxRead(256 * 1024), "the default read buffer");
        assertEquals(Connector.MAX_READ, Connector.maxRead(64 * 1024 * 1024), "never above MAX_READ");
    }

    @Test
    void channelsReadAdaptivelyAndDeliverEveryByteWithASmallerReadBuffer() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) new NettyTransportProvider().connect(peer.endpoint(),
                     TransportOptions.builder().set(TransportOption.READ_BUFFER_SIZE, 128 * 1024).build())) {
            assertTrue(t.channel().config().getRecvByteBufAllocator() instanceof AdaptiveRecvByteBufAllocator);
            peer.socket().getOutputStream().write(new byte[300 * 1024]);
            java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocate(400 * 1024);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (dst.position() < 300 * 1024 && System.nanoTime() < deadline) {
                t.source().read(dst, 100_000_000L);
            }
            assertEquals(300 * 1024, dst.position(), "every byte arrives with a 128 KiB read buffer");
        }
    }
}
