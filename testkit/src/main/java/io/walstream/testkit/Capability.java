package io.walstream.testkit;

/**
 * An optional transport ability that an implementer declares in {@link Capabilities}. Declared, never sniffed:
 * a transport that does not declare one has the matching optional rule reported as skipped with its reason.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum Capability {
    /** The read side reports the peer's half-close as end of stream while the write side keeps working. */
    HALF_CLOSE,
    /** The transport can connect to IPv6 literals. */
    IPV6,
    /** Writes honour {@code TransportOption.WRITE_TIMEOUT}. */
    WRITE_TIMEOUT
}
