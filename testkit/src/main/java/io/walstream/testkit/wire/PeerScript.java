package io.walstream.testkit.wire;

import java.net.Socket;

/**
 * What a {@link LoopbackPeer} does with the one connection it accepts. Runs on the peer's own thread; an
 * exception it throws is collected and reported by {@link LoopbackPeer#await}.
 *
 * <p><b>Thread safety:</b> called once, on the peer thread.
 */
@FunctionalInterface
public interface PeerScript {

    /**
     * @param socket the accepted connection; the peer closes it after this returns
     * @throws Exception any failure, reported to the test
     */
    void run(Socket socket) throws Exception;
}
