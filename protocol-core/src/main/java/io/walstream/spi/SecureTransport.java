package io.walstream.spi;

/**
 * A {@link Transport} encrypted by a {@link TransportLayer}, with the facts of its TLS session.
 *
 * <p><b>Thread safety:</b> as {@link Transport}; {@link #session()} may be called from any thread.
 */
public interface SecureTransport extends Transport {

    /** @return the negotiated session; the same value on every call */
    TlsSession session();
}
