package io.walstream.conn;

import io.walstream.AuthenticationException;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.codec.FrontendMessages;
import io.walstream.internal.WireLog;
import io.walstream.spi.Endpoint;
import io.walstream.spi.SecureTransport;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsSession;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportLayer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS part of one host attempt, with libpq's {@code sslmode} semantics:
 * <pre>
 * disable      plain text
 * allow        plain text; if the server rejects the startup, a new connection with TLS
 * prefer       SSLRequest: 'S' → TLS (if the handshake fails or the server rejects the startup over TLS, a new
 *              plain-text connection); 'N' → plain text on the same socket
 * require+     SSLRequest: 'S' → TLS, anything else fails; or direct TLS (sslnegotiation=direct) with ALPN
 * </pre>
 * After {@code S}, a byte already waiting is unencrypted data injected before the handshake (CVE-2021-23222)
 * and fails the attempt. An ErrorResponse to SSLRequest is never shown (the server is not authenticated yet,
 * CVE-2024-10977). One log line per fallback; one {@code io.walstream.wire} DEBUG line per handshake.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per host attempt.
 */
final class TlsNegotiator {

    private static final Logger log = LoggerFactory.getLogger(TlsNegotiator.class);

    /** Opens a new transport to the host. */
    @FunctionalInterface
    interface Dialer {
        Transport dial();
    }

    /** Runs the startup exchange over a transport; closes it on failure. */
    @FunctionalInterface
    interface Startup {
        PgConnection run(Transport transport, TlsSession tls);
    }

    private final ConnectionConfig config;
    private final HostSpec host;
    private final Endpoint endpoint;
    private final TransportLayer layer;
    private final long deadline;

    /**
     * @param layer the TLS layer, or {@code null} if none is installed (then only plain text is possible)
     * @param deadline {@link System#nanoTime()} deadline of the attempt, or {@link Long#MAX_VALUE}
     */
    TlsNegotiator(ConnectionConfig config, HostSpec host, Endpoint endpoint, TransportLayer layer, long deadline) {
        this.config = config;
        this.host = host;
        this.endpoint = endpoint;
        this.layer = layer;
        this.deadline = deadline;
    }

    PgConnection connect(Dialer dialer, Startup startup) {
        SslMode mode = config.sslMode();
        if (layer == null || mode == SslMode.DISABLE) {
            return startup.run(dialer.dial(), null);
        }
        boolean direct = "direct".equals(config.sslNegotiation());
        // Resolve files and checks before dialling, so a configuration error sends nothing.
        TlsParameters parameters = TlsSettings.forHost(config, host, direct);
        switch (mode) {
            case ALLOW:
                if ("require".equals(config.channelBinding())) {
                    // a plain-text attempt can never satisfy channel_binding=require: go straight to TLS
                    return required(dialer, startup, parameters, false);
                }
                try {
                    return startup.run(dialer.dial(), null);
                } catch (ServerErrorException e) {
                    log.info("The server at {} rejected a plain-text connection ({}); sslmode=allow retries with TLS",
                            endpoint, e.sqlState());
                    try {
                        return required(dialer, startup, parameters, false);
                    } catch (TlsNegotiationException tls) {
                        e.addSuppressed(tls);
                        throw e;
                    }
                }
            case PREFER:
                return prefer(dialer, startup, parameters);
            default:
                return required(dialer, startup, parameters, direct);
        }
    }

    private PgConnection prefer(Dialer dialer, Startup startup, TlsParameters parameters) {
        Transport t = dialer.dial();
        char answer;
        try {
            answer = sslRequest(t);
        } catch (RuntimeException e) {
            closeQuietly(t);
            throw e;
        }
        if (answer == 'N') {
            log.info("The server at {} does not accept TLS; continuing in plain text (sslmode=prefer)", endpoint);
            return startup.run(t, null);
        }
        if (answer != 'S') {
            closeQuietly(t);
            log.info("The server at {} answered SSLRequest with an error (not shown: the server is not"
                    + " authenticated); reconnecting in plain text (sslmode=prefer)", endpoint);
            return startup.run(dialer.dial(), null);
        }
        SecureTransport st;
        try {
            st = secure(t, parameters, false);
        } catch (TlsNegotiationException e) {
            log.info("TLS with {} failed ({}); sslmode=prefer retries in plain text", endpoint, e.getMessage());
            return startup.run(dialer.dial(), null);
        }
        try {
            return startup.run(st, st.session());
        } catch (ServerErrorException e) {
            log.info("The server at {} rejected the connection over TLS ({}); sslmode=prefer retries in plain text",
                    endpoint, e.sqlState());
            return startup.run(dialer.dial(), null);
        }
    }

    private PgConnection required(Dialer dialer, Startup startup, TlsParameters parameters, boolean direct) {
        Transport t = dialer.dial();
        if (!direct) {
            char answer;
            try {
                answer = sslRequest(t);
            } catch (RuntimeException e) {
                closeQuietly(t);
                throw e;
            }
            if (answer != 'S') {
                closeQuietly(t);
                throw new TlsNegotiationException("The server at " + endpoint + (answer == 'N'
                        ? " does not support SSL, but sslmode=" + config.sslMode().keyword() + " requires it"
                        : " answered SSLRequest with an error (not shown: the server is not authenticated yet),"
                                + " but sslmode=" + config.sslMode().keyword() + " requires TLS")
                        + "; enable ssl on the server or lower sslmode");
            }
        }
        SecureTransport st = secure(t, parameters, direct);
        return startup.run(st, st.session());
    }

    /** Sends SSLRequest and reads the one-byte answer: {@code S}, {@code N} or {@code E} (an ErrorResponse). */
    private char sslRequest(Transport t) {
        try {
            t.sink().write(FrontendMessages.sslRequest());
            t.sink().flush();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (true) {
                long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (wait <= 0) {
                    throw new TransportException("Timed out waiting for the answer to SSLRequest from " + endpoint
                            + " within " + config.describeStartupTimeout());
                }
                int r = t.source().read(one, wait);
                if (r < 0) {
                    throw new TransportException("The server at " + endpoint + " closed the connection after"
                            + " SSLRequest");
                }
                if (r > 0) {
                    break;
                }
            }
            byte b = one.get(0);
            if (b == 'S') {
                ByteBuffer extra = ByteBuffer.allocate(1);
                if (t.source().read(extra, 0) > 0) {
                    throw new TlsNegotiationException("The server at " + endpoint + " sent unencrypted data after"
                            + " accepting SSL; this points to a man-in-the-middle (CVE-2021-23222), refusing");
                }
                return 'S';
            }
            if (b == 'N' || b == 'E') {
                return (char) b;
            }
            throw new TlsNegotiationException("The server at " + endpoint + " sent an invalid response to SSL"
                    + " negotiation: 0x" + Integer.toHexString(b & 0xff) + " (expected 'S' or 'N')");
        } catch (IOException e) {
            throw new TransportException("SSLRequest to " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    private SecureTransport secure(Transport t, TlsParameters parameters, boolean direct) {
        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, deadline - System.nanoTime());
        SecureTransport st;
        try {
            st = layer.wrap(t, parameters, wait);
        } catch (IOException | RuntimeException e) {
            closeQuietly(t);
            if (e instanceof AuthenticationException) {
                throw (AuthenticationException) e;
            }
            throw new TlsNegotiationException("TLS with " + endpoint + " (sslmode=" + config.sslMode().keyword()
                    + (direct ? ", sslnegotiation=direct" : "") + ") failed: " + e.getMessage()
                    + (direct ? "; direct TLS needs PostgreSQL 17 or later" : ""), e);
        }
        if (WireLog.WIRE.isDebugEnabled()) {
            WireLog.WIRE.debug("== TLS {} with {}", st.session().describe(), endpoint);
        }
        return st;
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
