package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.walstream.spi.TransportOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopGroupTest {

    private final NettyTransportProvider provider = new NettyTransportProvider();

    private static TransportOptions preferNative(boolean value) {
        return TransportOptions.builder().set(NettyTransportOptions.PREFER_NATIVE, value).build();
    }

    @Test
    void callerGroupIsUsedAndNotShutDown() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            TransportOptions options = TransportOptions.builder()
                    .set(NettyTransportOptions.EVENT_LOOP_GROUP, group).build();
            assertTrue(provider.supports(options));
            for (int i = 0; i < 2; i++) {
                try (LoopbackPeer peer = new LoopbackPeer()) {
                    NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), options);
                    assertSame(group, t.channel().eventLoop().parent());
                    assertEquals("nio", t.info().detail());
                    roundTrip(t, peer);
                    t.close();
                    assertFalse(group.isShuttingDown(), "walstream must not shut down a caller's group");
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void callerEpollGroupGetsAnEpollChannel() throws Exception {
        requireEpoll();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (LoopbackPeer peer = new LoopbackPeer()) {
            TransportOptions options = TransportOptions.builder()
                    .set(NettyTransportOptions.EVENT_LOOP_GROUP, group).build();
            try (NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), options)) {
                assertEquals("epoll", t.info().detail());
                assertSame(group, t.channel().eventLoop().parent());
                roundTrip(t, peer);
            }
            assertFalse(group.isShuttingDown());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void groupOfUnknownTypeNeedsAChannelFactory() throws Exception {
        EventLoopGroup group = new DefaultEventLoopGroup(1);
        try {
            TransportOptions bare = TransportOptions.builder()
                    .set(NettyTransportOptions.EVENT_LOOP_GROUP, group).build();
            assertFalse(provider.supports(bare));
            try (LoopbackPeer peer = new LoopbackPeer()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> provider.connect(peer.endpoint(), bare));
                assertTrue(e.getMessage().contains("CHANNEL_FACTORY"), e.getMessage());
            }
            TransportOptions withFactory = bare.toBuilder()
                    .set(NettyTransportOptions.CHANNEL_FACTORY, NioSocketChannel::new).build();
            assertTrue(provider.supports(withFactory));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void sharedGroupIsShutDownAfterLastTransportAndRecreated() throws Exception {
        TransportOptions options = preferNative(false);
        assertNull(EventLoops.currentShared(false), "a previous test left a transport open");
        EventLoopGroup first;
        try (LoopbackPeer p1 = new LoopbackPeer(); LoopbackPeer p2 = new LoopbackPeer()) {
            NettyTransport a = (NettyTransport) provider.connect(p1.endpoint(), options);
            NettyTransport b = (NettyTransport) provider.connect(p2.endpoint(), options);
            first = a.eventLoopGroup();
            assertSame(first, b.eventLoopGroup());
            assertSame(first, EventLoops.currentShared(false));
            assertTrue(isDaemonLoop(a));

            a.close();
            a.close(); // idempotent: must not release the group twice
            assertFalse(first.isShuttingDown(), "b still uses the shared group");
            roundTrip(b, p2);

            b.close();
            assertTrue(first.isShuttingDown());
            assertTrue(first.isTerminated(), "close waits (bounded) for the shared group to terminate");
            assertNull(EventLoops.currentShared(false));
        }
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport c = (NettyTransport) provider.connect(peer.endpoint(), options)) {
            assertNotSame(first, c.eventLoopGroup());
            assertNotNull(EventLoops.currentShared(false));
            roundTrip(c, peer);
        }
        assertNull(EventLoops.currentShared(false));
    }

    @Test
    void failedConnectGivesTheSharedGroupBack() throws Exception {
        int port;
        try (LoopbackPeer peer = new LoopbackPeer()) {
            port = peer.endpoint().port();
        }
        assertThrows(java.io.IOException.class, () -> provider.connect(
                io.walstream.spi.Endpoint.of("127.0.0.1", port), preferNative(false)));
        assertNull(EventLoops.currentShared(false));
    }

    @Test
    void epollIsUsedWhenAvailable() throws Exception {
        requireEpoll();
        assertTrue(NativeTransport.isEpollAvailable());
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), TransportOptions.defaults())) {
            assertEquals("epoll", t.info().detail());
            roundTrip(t, peer);
        }
    }

    @Test
    void nioWhenNativeIsNotPreferred() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) provider.connect(peer.endpoint(), preferNative(false))) {
            assertEquals("nio", t.info().detail());
            assertTrue(t.channel() instanceof NioSocketChannel);
            roundTrip(t, peer);
        }
    }

    private static boolean isDaemonLoop(NettyTransport t) throws Exception {
        return t.channel().eventLoop().submit(() -> Thread.currentThread().isDaemon()).get(5, TimeUnit.SECONDS);
    }

    /** One byte each way. */
    static void roundTrip(NettyTransport t, LoopbackPeer peer) throws Exception {
        t.sink().write(ByteBuffer.wrap(new byte[] {42}));
        t.sink().flush();
        assertEquals(42, peer.socket().getInputStream().read());
        peer.socket().getOutputStream().write(7);
        peer.socket().getOutputStream().flush();
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(1, t.source().read(dst, TimeUnit.SECONDS.toNanos(5)));
        assertEquals(7, dst.get(0));
    }

    /**
     * On Linux x86_64 the native epoll library ships with the build, so failing to load it is a failure, not a
     * reason to skip (a skip would hide a broken packaging); elsewhere the epoll tests are skipped.
     */
    private static void requireEpoll() {
        boolean shipped = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && java.util.Set.of("amd64", "x86_64").contains(System.getProperty("os.arch", ""));
        if (shipped) {
            assertTrue(Epoll.isAvailable(), () -> "native epoll did not load on Linux x86_64: "
                    + Epoll.unavailabilityCause());
        } else {
            assumeTrue(Epoll.isAvailable(), "native epoll is not shipped for this platform");
        }
    }
}
