package io.walstream.testkit;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Deliberately broken connecting, closing and reporting, each violating one rule (see {@link BrokenSuites}).
 *
 * <p><b>Thread safety:</b> each breaker is as thread-safe as the plain transport it wraps, unless it says otherwise.
 */
final class BrokenLifecycles {

    private BrokenLifecycles() {
    }

    /** A read on a closed transport waits (up to 1.5 s) before it returns 0, instead of -1 at once (breaks LC-02). */
    static final class ReadAfterCloseWaits extends BrokenTransports.Forwarding {
        private volatile boolean closed;

        ReadAfterCloseWaits(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            if (closed) {
                BrokenTransports.sleep(Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(1500)));
                return 0; // the bug: a closed transport looks like a quiet one
            }
            return delegate.read(dst, timeoutNanos);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            delegate.close();
        }
    }

    /** A second close() throws (breaks LC-03). */
    static final class SecondCloseThrows extends BrokenTransports.Forwarding {
        private boolean closed;

        SecondCloseThrows(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                throw new IOException("broken: already closed");
            }
            closed = true;
            delegate.close();
        }
    }

    /** info() forwards the wrapped transport's, which names another provider (breaks LC-06). */
    static final class InfoOfWrappedTransport extends BrokenTransports.Forwarding {
        InfoOfWrappedTransport(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public TransportInfo info() {
            return delegate.info(); // the bug: provider "plain-socket", not this provider's name
        }
    }

    /** A refused connection reports the socket's bare message, without host and port (breaks LC-04). */
    static TransportProvider refusalWithoutEndpoint() {
        return BrokenTransports.provider(BrokenTransports.NAME, (endpoint, options) -> {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                        (int) options.get(TransportOption.CONNECT_TIMEOUT).toMillis());
            } catch (IOException e) {
                socket.close();
                throw new IOException(e.getMessage()); // the bug: "Connection refused", no endpoint
            }
            return wrap(socket, endpoint);
        });
    }

    /** Connects with a fixed 5 s timeout whatever {@code CONNECT_TIMEOUT} says (breaks LC-05). */
    static TransportProvider ignoresConnectTimeout() {
        return BrokenTransports.provider(BrokenTransports.NAME, (endpoint, options) -> {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 5000);
            } catch (IOException e) {
                socket.close();
                throw new IOException("broken: cannot connect to " + endpoint + ": " + e.getMessage(), e);
            }
            return wrap(socket, endpoint);
        });
    }

    /** Named after its class, upper case and all (breaks LC-08). */
    static TransportProvider upperCaseName() {
        PlainSocketTransportProvider plain = new PlainSocketTransportProvider();
        return BrokenTransports.provider("BrokenTransport", plain::connect);
    }

    /** Treats every host as a name or IPv4 literal, so {@code ::1} does not resolve (breaks OP-02). */
    static TransportProvider noIpv6() {
        PlainSocketTransportProvider plain = new PlainSocketTransportProvider();
        return BrokenTransports.provider(BrokenTransports.NAME, (endpoint, options) -> {
            if (endpoint.host().contains(":")) {
                throw new UnknownHostException("broken: cannot resolve " + endpoint.host() + " for " + endpoint);
            }
            return plain.connect(endpoint, options);
        });
    }

    /**
     * On the peer's half-close (end of stream on the read side) closes the whole connection, so the client can no
     * longer write (breaks OP-01 when {@link Capability#HALF_CLOSE} is declared).
     */
    static final class CloseOnEof extends BrokenTransports.Forwarding {
        CloseOnEof(PlainSocketTransport d) {
            super(d);
        }

        @Override
        public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            int n = delegate.read(dst, timeoutNanos);
            if (n < 0) {
                delegate.close();
            }
            return n;
        }
    }

    private static Transport wrap(Socket socket, Endpoint endpoint) throws IOException {
        return new BrokenTransports.Forwarding(new PlainSocketTransport(socket, endpoint)) {
        };
    }
}
