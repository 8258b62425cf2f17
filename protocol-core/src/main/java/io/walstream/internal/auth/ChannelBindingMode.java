package io.walstream.internal.auth;

import java.util.Locale;

/**
 * The libpq {@code channel_binding} connection setting.
 *
 * <p><b>Thread safety:</b> immutable enum.
 */
public enum ChannelBindingMode {
    /** Never use SCRAM-SHA-256-PLUS. */
    DISABLE,
    /** Use SCRAM-SHA-256-PLUS when the connection is TLS and the server offers it (libpq's default). */
    PREFER,
    /** Fail unless the server authenticates with SCRAM-SHA-256-PLUS. */
    REQUIRE;

    /**
     * @param value a conninfo value: {@code disable}, {@code prefer} or {@code require} (case-insensitive)
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    public static ChannelBindingMode parse(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "disable":
                return DISABLE;
            case "prefer":
                return PREFER;
            case "require":
                return REQUIRE;
            default:
                throw new IllegalArgumentException("Invalid channel_binding value '" + value
                        + "'; use disable, prefer or require");
        }
    }
}
