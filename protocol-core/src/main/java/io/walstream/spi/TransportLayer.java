package io.walstream.spi;

import java.io.IOException;

/**
 * TLS as a layer over any {@link Transport}: wraps a connected transport (after the server answered {@code S}
 * to SSLRequest, or at once for direct TLS) and returns a transport that encrypts, together with the facts of
 * the session. Found with {@link java.util.ServiceLoader} through {@link TransportLayers}; the
 * {@code walstream-transport-tls} module provides one on BouncyCastle. Declare an implementation in
 * {@code module-info.java} ({@code provides io.walstream.spi.TransportLayer with ...}) and in
 * {@code META-INF/services/io.walstream.spi.TransportLayer}.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe; {@link #wrap} may be called from many threads
 * at once.
 *
 * <h2>Implementing</h2>
 * You must: run the handshake within the given time and fail with an {@link IOException} whose message says
 * what failed and why (for a certificate: subject, issuer, the expected host and the names seen); verify the
 * server as {@link TlsParameters#verification()} asks; keep every promise of {@link ByteSource} and
 * {@link ByteSink} on the returned transport (a read with a deadline returns 0 on time-out even in the middle
 * of a record; {@code close()} from another thread wakes a blocked read; concurrent writes never interleave
 * inside a record); send close_notify on close; never put key material or passwords in a message, log line or
 * {@code toString()}. You need not: know which transport you wrap, or parse PostgreSQL messages.
 */
public interface TransportLayer {

    /** @return a stable, lower-case name such as {@code bouncycastle} */
    String name();

    /**
     * Breaks ties when several layers are installed and none is named: the highest wins. Default 0.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Runs the TLS client handshake over {@code transport} and returns the encrypted transport. On failure the
     * wrapped transport is left open; the caller closes it.
     *
     * @param transport a connected transport; owned by the result afterwards (closing the result closes it)
     * @param parameters what to offer and how to verify the server
     * @param timeoutNanos how long the handshake may take; {@link Long#MAX_VALUE} for no limit
     * @return the encrypted transport with its session facts
     * @throws IOException if the handshake failed, the server could not be verified or the time ran out
     */
    SecureTransport wrap(Transport transport, TlsParameters parameters, long timeoutNanos) throws IOException;
}
