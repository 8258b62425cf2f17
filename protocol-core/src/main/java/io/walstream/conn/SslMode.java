package io.walstream.conn;

import java.util.Optional;

/**
 * The libpq {@code sslmode} setting, in increasing order of protection. The default is {@link #PREFER},
 * or {@link #VERIFY_FULL} when {@code sslrootcert=system}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum SslMode {
    /** Never use TLS. */
    DISABLE("disable"),
    /** Try plaintext first; use TLS only if the plaintext attempt fails. No certificate check. */
    ALLOW("allow"),
    /** Try TLS first; continue in plaintext if the server declines. No certificate check. */
    PREFER("prefer"),
    /** Require TLS. libpq verifies the chain as {@link #VERIFY_CA} does if a root CA file exists. */
    REQUIRE("require"),
    /** Require TLS and a server certificate chain leading to a trusted CA. */
    VERIFY_CA("verify-ca"),
    /** As {@link #VERIFY_CA}, and the certificate must match the host name. */
    VERIFY_FULL("verify-full");

    private final String keyword;

    SslMode(String keyword) {
        this.keyword = keyword;
    }

    /** @return the value as written in connection strings, e.g. {@code verify-full} */
    public String keyword() {
        return keyword;
    }

    /** @return whether plaintext is never used ({@link #REQUIRE} and stronger) */
    public boolean requiresTls() {
        return compareTo(REQUIRE) >= 0;
    }

    /**
     * @param value a value as written; case-sensitive like libpq
     * @return the mode, or empty if libpq would reject the value
     */
    public static Optional<SslMode> fromKeyword(String value) {
        for (SslMode m : values()) {
            if (m.keyword.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
