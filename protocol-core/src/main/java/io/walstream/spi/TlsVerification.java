package io.walstream.spi;

/**
 * How a {@link TransportLayer} checks the server's certificate.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum TlsVerification {
    /** No check: encryption against eavesdropping only ({@code sslmode=prefer/require} without a root file). */
    NONE,
    /** The chain must lead to a trusted root ({@code verify-ca}, or {@code require} with a root file). */
    CHAIN,
    /** As {@link #CHAIN}, and the certificate must name the host ({@code verify-full}). */
    CHAIN_AND_HOST
}
