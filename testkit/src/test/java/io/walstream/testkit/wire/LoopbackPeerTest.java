package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link LoopbackPeer} reports failures from its thread, and its timeouts are bounded. */
class LoopbackPeerTest {

    @Test
    void failureOnThePeerThreadIsRethrownByAwait() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
            throw new IllegalStateException("boom on the peer");
        })) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(peer.endpoint().host(), peer.endpoint().port()), 5_000);
            }
            AssertionError e = assertThrows(AssertionError.class, () -> peer.await(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("boom on the peer"), e.getMessage());
            assertEquals(1, peer.errors().errors().size());
        }
    }

    @Test
    void scriptRunsOnTheAcceptedConnection() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> socket.getOutputStream().write(new byte[] {1, 2, 3}))) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(peer.endpoint().host(), peer.endpoint().port()), 5_000);
                client.setSoTimeout(10_000);
                assertArrayEquals(new byte[] {1, 2, 3}, client.getInputStream().readAllBytes());
            }
            peer.await(Duration.ofSeconds(10));
        }
    }

    @Test
    void zeroTimeoutChecksOnceInsteadOfWaitingForever() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> { })) {
            // nobody connects, so the peer is still waiting in accept()
            AssertionError e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(AssertionError.class, () -> peer.await(Duration.ZERO)));
            assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        }
    }
}
