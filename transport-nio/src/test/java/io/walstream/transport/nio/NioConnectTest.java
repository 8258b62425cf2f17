package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NioConnectTest {

    @Test
    void defaultOptionsTurnOnNoDelayAndKeepAlive() throws IOException {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            SocketChannel channel = transport.channel();
            assertTrue(channel.isConnected());
            assertFalse(channel.isBlocking());
            assertTrue(channel.getOption(StandardSocketOptions.TCP_NODELAY));
            assertTrue(channel.getOption(StandardSocketOptions.SO_KEEPALIVE));
        }
    }

    @Test
    void explicitOptionsAreApplied() throws IOException {
        int size = 48 * 1024;
        TransportOptions options = TransportOptions.builder()
                .set(TransportOption.TCP_NODELAY, false)
                .set(TransportOption.KEEPALIVE, false)
                .set(TransportOption.RECEIVE_BUFFER_SIZE, size)
                .set(TransportOption.SEND_BUFFER_SIZE, size)
                .build();
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect(options)) {
            SocketChannel channel = transport.channel();
            assertFalse(channel.getOption(StandardSocketOptions.TCP_NODELAY));
            assertFalse(channel.getOption(StandardSocketOptions.SO_KEEPALIVE));
            // Linux reports twice the value set (it adds bookkeeping space); other systems report it as set.
            assertBetween(size, 2 * size, channel.getOption(StandardSocketOptions.SO_RCVBUF), "SO_RCVBUF");
            assertBetween(size, 2 * size, channel.getOption(StandardSocketOptions.SO_SNDBUF), "SO_SNDBUF");
        }
    }

    private static void assertBetween(int low, int high, int actual, String what) {
        assertTrue(actual >= low && actual <= high, what + " is " + actual + ", expected " + low + ".." + high);
    }

    @Test
    void infoNamesProviderEndpointAndAddresses() throws IOException {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            TransportInfo info = transport.info();
            assertEquals("nio", info.provider());
            assertEquals(peer.endpoint(), info.endpoint());
            InetSocketAddress remote = assertInstanceOf(InetSocketAddress.class, info.remoteAddress());
            InetSocketAddress local = assertInstanceOf(InetSocketAddress.class, info.localAddress());
            assertEquals(peer.endpoint().port(), remote.getPort());
            assertEquals(peer.socket().getRemoteSocketAddress(), local);
            assertNotNull(info.detail());
        }
    }

    @Test
    void sourceAndSinkAreTheSameObjectsEveryCall() throws IOException {
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            assertTrue(transport.source() == transport.source());
            assertTrue(transport.sink() == transport.sink());
        }
    }

    @Test
    void hostNameIsResolved() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            server.setSoTimeout(10_000);
            Endpoint endpoint = Endpoint.of("localhost", server.getLocalPort());
            try (NioTransport transport = (NioTransport) new NioTransportProvider()
                    .connect(endpoint, TransportOptions.defaults());
                 Socket accepted = server.accept()) {
                assertEquals(endpoint, transport.info().endpoint());
                assertEquals(accepted.getRemoteSocketAddress(), transport.info().localAddress());
            }
        }
    }

    @Test
    void refusedConnectionNamesHostPortAndTransport() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        Endpoint endpoint = Endpoint.of("127.0.0.1", port);
        ConnectException e = assertThrows(ConnectException.class,
                () -> new NioTransportProvider().connect(endpoint, TransportOptions.defaults()));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("nio"), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void unknownHostNamesTheHost() {
        Endpoint endpoint = Endpoint.of("no-such-host.invalid", 5432);
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> new NioTransportProvider().connect(endpoint, TransportOptions.defaults()));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("nio"), e.getMessage());
        assertNotNull(e.getCause());
    }

    /**
     * A listener whose accept queue is full drops further SYNs, so the connect neither succeeds nor is refused
     * and must end at the connect timeout.
     */
    @Test
    void connectTimeoutIsHonoured() throws IOException {
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.getLocalPort());
            assumeTrue(fillAcceptQueue(address, fillers), "could not fill the accept queue on this system");
            Endpoint endpoint = Endpoint.of("127.0.0.1", server.getLocalPort());
            TransportOptions options = TransportOptions.builder()
                    .set(TransportOption.CONNECT_TIMEOUT, Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> new NioTransportProvider().connect(endpoint, options).close());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 250 && elapsedMillis < 3_000, "timed out after " + elapsedMillis + " ms");
            assertTrue(e.getMessage().contains(endpoint.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("nio"), e.getMessage());
            assertNotNull(e.getCause());
        } finally {
            for (SocketChannel filler : fillers) {
                filler.close();
            }
        }
    }

    /** Opens non-blocking connections until one stays pending; true if the queue is then full. */
    private static boolean fillAcceptQueue(InetSocketAddress address, List<SocketChannel> fillers)
            throws IOException {
        for (int i = 0; i < 16; i++) {
            SocketChannel filler = SocketChannel.open();
            fillers.add(filler);
            filler.configureBlocking(false);
            if (!filler.connect(address)) {
                long deadline = System.nanoTime() + 200_000_000L;
                while (!filler.finishConnect()) {
                    if (System.nanoTime() > deadline) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
            }
        }
        return false;
    }
}
