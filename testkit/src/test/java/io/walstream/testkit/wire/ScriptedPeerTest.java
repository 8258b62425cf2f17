package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ScriptedPeer} against a plain {@link Socket} client: byte-exact replay and checked client bytes. */
class ScriptedPeerTest {

    private static final Duration AWAIT = Duration.ofSeconds(10);
    private static final WireFixture KEEPALIVE = Fixtures.load("replication/keepalive");

    static Stream<Chunking> chunkings() {
        return Chunking.standard(Chunking.seed()).stream();
    }

    private static Socket connect(LoopbackPeer peer) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(peer.endpoint().host(), peer.endpoint().port()), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }

    /** The keepalive fixture's client step with its wildcard bytes filled with non-zero junk. */
    private static byte[] statusUpdate() {
        FixtureStep step = KEEPALIVE.steps().get(1);
        assertEquals(Direction.CLIENT_TO_SERVER, step.direction());
        byte[] b = step.bytes();
        int wild = 0;
        for (int i = 0; i < b.length; i++) {
            if (step.isWildcard(i)) {
                b[i] = (byte) (0xa5 + i);
                wild++;
            }
        }
        assertEquals(8, wild, "the clock field is the wildcard");
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkings")
    void clientThatAnswersCorrectlyReceivesEveryByteAndPeerPasses(Chunking chunking) throws Exception {
        List<FixtureStep> steps = KEEPALIVE.steps();
        try (LoopbackPeer peer = LoopbackPeer.start(ScriptedPeer.replay(KEEPALIVE, chunking))) {
            try (Socket client = connect(peer)) {
                InputStream in = client.getInputStream();
                assertArrayEquals(steps.get(0).bytes(), readExactly(in, steps.get(0).length()));
                client.getOutputStream().write(statusUpdate());
                client.getOutputStream().flush();
                assertArrayEquals(steps.get(2).bytes(), readExactly(in, steps.get(2).length()));
                assertEquals(-1, in.read(), "the peer half-closes after the script");
            }
            peer.await(AWAIT);
        }
    }

    @Test
    void wrongByteInAFixedPositionFailsAwaitNamingFixtureAndStep() throws Exception {
        byte[] update = statusUpdate();
        update[5] = 'x'; // the 'r' StandbyStatusUpdate tag
        try (LoopbackPeer peer = LoopbackPeer.start(ScriptedPeer.replay(KEEPALIVE, Chunking.WHOLE))) {
            try (Socket client = connect(peer)) {
                readExactly(client.getInputStream(), KEEPALIVE.steps().get(0).length());
                client.getOutputStream().write(update);
                client.getOutputStream().flush();
            }
            AssertionError e = assertThrows(AssertionError.class, () -> peer.await(AWAIT));
            assertTrue(e.getMessage().contains("replication/keepalive"), e.getMessage());
            assertTrue(e.getMessage().contains("step 2"), e.getMessage());
            assertTrue(e.getMessage().contains("client byte 5"), e.getMessage());
        }
    }

    @Test
    void clientClosingBeforeItsStepFailsAwaitNamingFixtureAndStep() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(ScriptedPeer.replay(KEEPALIVE, Chunking.WHOLE))) {
            try (Socket client = connect(peer)) {
                readExactly(client.getInputStream(), KEEPALIVE.steps().get(0).length());
                client.getOutputStream().write(statusUpdate(), 0, 10);
            }
            AssertionError e = assertThrows(AssertionError.class, () -> peer.await(AWAIT));
            assertTrue(e.getMessage().contains("replication/keepalive step 2"), e.getMessage());
            assertTrue(e.getMessage().contains("10 of " + KEEPALIVE.steps().get(1).length()), e.getMessage());
        }
    }

    @Test
    void oneByteChunkingStillDeliversTheServerStreamByteExact() throws Exception {
        WireFixture fixture = Fixtures.load("replication/notice-in-copy");
        try (LoopbackPeer peer = LoopbackPeer.start(ScriptedPeer.replay(fixture, Chunking.ONE_BYTE))) {
            try (Socket client = connect(peer)) {
                assertArrayEquals(fixture.serverBytes(), client.getInputStream().readAllBytes());
            }
            peer.await(AWAIT);
        }
    }
}
