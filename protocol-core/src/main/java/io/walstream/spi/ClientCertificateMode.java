package io.walstream.spi;

/**
 * libpq's {@code sslcertmode}: whether a client certificate is sent when the server asks for one.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ClientCertificateMode {
    /** Never send a client certificate. */
    DISABLE,
    /** Send one if the server asks and one is configured (the default). */
    ALLOW,
    /** Fail the handshake unless the server asked for a certificate and one was sent. */
    REQUIRE
}
