package io.walstream.testkit.wire;

import io.walstream.spi.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A TLS loopback peer: accepts one connection, terminates TLS on it with the JDK's TLS (a second, independent
 * implementation) and relays the plaintext to a downstream socket, both ways, passing half-closes on. With
 * {@code postgresSslRequest}, it first answers PostgreSQL's SSLRequest with {@code S}. Used to run the transport
 * conformance suite over TLS (the suite's plain peers sit behind the relay) and as the front of test proxies.
 *
 * <pre>{@code
 * Socket downstream = new Socket("127.0.0.1", plainPeerPort);
 * try (TlsRelay relay = TlsRelay.start(TestPki.shared().serverSslContext(), downstream, false)) {
 *     Transport t = layer.wrap(provider.connect(relay.endpoint(), options), parameters, timeout);
 * }
 * }</pre>
 *
 * <p><b>Thread safety:</b> {@link #endpoint()} and {@link #close()} may be called from any thread.
 */
public final class TlsRelay implements AutoCloseable {

    private final ServerSocket server;
    private final Socket downstream;
    private final SSLContext context;
    private final boolean sslRequest;
    private final Thread acceptor;
    private volatile Socket accepted;

    private TlsRelay(ServerSocket server, SSLContext context, Socket downstream, boolean sslRequest) {
        this.server = server;
        this.context = context;
        this.downstream = downstream;
        this.sslRequest = sslRequest;
        this.acceptor = new Thread(this::serve, "walstream-testkit-tls-relay-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * @param context the server-side TLS context (certificate and key)
     * @param downstream a connected socket the plaintext goes to; closed with the relay
     * @param postgresSslRequest whether to expect PostgreSQL's SSLRequest and answer {@code S} before TLS
     * @return the running relay, listening on {@code 127.0.0.1}
     * @throws IOException if no port can be bound
     */
    public static TlsRelay start(SSLContext context, Socket downstream, boolean postgresSslRequest) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        return new TlsRelay(s, context, downstream, postgresSslRequest);
    }

    /** @return where clients connect */
    public Endpoint endpoint() {
        return Endpoint.of(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private void serve() {
        try {
            Socket plain = server.accept();
            accepted = plain;
            plain.setTcpNoDelay(true);
            if (sslRequest) {
                byte[] request = plain.getInputStream().readNBytes(8);
                if (request.length < 8) {
                    close();
                    return;
                }
                plain.getOutputStream().write('S');
                plain.getOutputStream().flush();
            }
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
            tls.setUseClientMode(false);
            accepted = tls;
            tls.startHandshake();
            Thread up = pump(tls, downstream, "up");
            Thread down = pump(downstream, tls, "down");
            up.join();
            down.join();
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        } finally {
            close();
        }
    }

    private Thread pump(Socket from, Socket to, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(to);
                closeQuietly(from);
            }
        }, "walstream-testkit-tls-relay-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Closes the listening socket, the accepted connection and the downstream socket. Idempotent. */
    @Override
    public void close() {
        closeQuietly(server);
        closeQuietly(accepted);
        closeQuietly(downstream);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

}
