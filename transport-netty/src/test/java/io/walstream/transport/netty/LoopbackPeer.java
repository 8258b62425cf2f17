package io.walstream.transport.netty;

import io.walstream.spi.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real loopback {@link ServerSocket} that accepts one connection: the peer of a transport under test. */
final class LoopbackPeer implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

    LoopbackPeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            try {
                accepted.complete(server.accept());
            } catch (IOException e) {
                accepted.completeExceptionally(e);
            }
        }, "loopback-accept");
        t.setDaemon(true);
        t.start();
    }

    Endpoint endpoint() {
        return Endpoint.of(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort());
    }

    /** @return the accepted socket, waiting up to 5 s */
    Socket socket() throws Exception {
        return accepted.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
            accepted.join().close();
        }
    }
}
