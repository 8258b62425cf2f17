package io.walstream.testkit.wire;

import io.walstream.spi.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection server on a loopback port that runs a {@link PeerScript}: the stand-in for PostgreSQL in
 * transport tests (OkHttp's {@code MockWebServer} idea). Failures on the peer thread are collected and
 * rethrown by {@link #await}.
 *
 * <pre>{@code
 * try (LoopbackPeer peer = LoopbackPeer.start(socket -> socket.getOutputStream().write(bytes))) {
 *     Transport t = provider.connect(peer.endpoint(), options);
 *     ...
 *     peer.await(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p><b>Thread safety:</b> {@link #endpoint}, {@link #await} and {@link #close} may be called from any thread.
 */
public final class LoopbackPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final ErrorCollector errors = new ErrorCollector();
    private volatile Socket accepted;

    private LoopbackPeer(ServerSocket server, PeerScript script) {
        this.server = server;
        this.thread = new Thread(() -> serve(script), "walstream-testkit-peer-" + server.getLocalPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Binds {@code 127.0.0.1} on a free port and serves one connection with {@code script}.
     *
     * @param script what to do with the connection
     * @return the running peer
     * @throws IOException if the port cannot be bound
     */
    public static LoopbackPeer start(PeerScript script) throws IOException {
        return start(InetAddress.getLoopbackAddress(), script);
    }

    /**
     * Binds {@code address} on a free port and serves one connection with {@code script}.
     *
     * @param address the local address to bind, e.g. {@code ::1}
     * @param script what to do with the connection
     * @return the running peer
     * @throws IOException if the port cannot be bound
     */
    public static LoopbackPeer start(InetAddress address, PeerScript script) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, 0), 1);
        return new LoopbackPeer(server, script);
    }

    /** @return where to connect, with the IP literal of the bound address */
    public Endpoint endpoint() {
        return Endpoint.of(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    /** @return the collector of failures raised on the peer thread */
    public ErrorCollector errors() {
        return errors;
    }

    /**
     * Waits for the script to finish and rethrows any failure it raised.
     *
     * @param timeout how long to wait
     * @throws AssertionError if the script failed or did not finish in time
     */
    public void await(Duration timeout) {
        try {
            // join(0) would wait forever; a zero or sub-millisecond timeout means "check once"
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the peer", e);
        }
        if (thread.isAlive()) {
            errors.add(new AssertionError("The peer script did not finish within " + timeout));
        }
        errors.assertEmpty("Peer on " + endpoint());
    }

    /**
     * @param timeout how long to wait
     * @return whether the script finished within {@code timeout}
     * @throws InterruptedException if interrupted
     */
    public boolean join(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        return !thread.isAlive();
    }

    private void serve(PeerScript script) {
        try (Socket socket = server.accept()) {
            accepted = socket;
            socket.setTcpNoDelay(true);
            script.run(socket);
        } catch (Throwable t) {
            if (!server.isClosed() || !(t instanceof IOException)) {
                errors.add(t);
            }
        } finally {
            closeQuietly(server);
        }
    }

    /** Stops the peer: closes the listening socket and the accepted connection. Idempotent. */
    @Override
    public void close() {
        closeQuietly(server);
        Socket s = accepted;
        if (s != null) {
            closeQuietly(s);
        }
        thread.interrupt();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
