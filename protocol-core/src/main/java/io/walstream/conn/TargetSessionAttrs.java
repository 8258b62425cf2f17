package io.walstream.conn;

import java.util.Optional;

/**
 * The libpq {@code target_session_attrs} setting: which server in the host list is acceptable. Default
 * {@link #ANY}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum TargetSessionAttrs {
    /** Any server that accepts the connection. */
    ANY("any"),
    /** Not in hot standby and {@code default_transaction_read_only} off. */
    READ_WRITE("read-write"),
    /** In hot standby or {@code default_transaction_read_only} on. */
    READ_ONLY("read-only"),
    /** Not in hot standby. */
    PRIMARY("primary"),
    /** In hot standby. */
    STANDBY("standby"),
    /** A standby if the list has one, otherwise any server. */
    PREFER_STANDBY("prefer-standby");

    private final String keyword;

    TargetSessionAttrs(String keyword) {
        this.keyword = keyword;
    }

    /** @return the value as written in connection strings, e.g. {@code read-write} */
    public String keyword() {
        return keyword;
    }

    /**
     * @param value a value as written; case-sensitive like libpq
     * @return the setting, or empty if libpq would reject the value
     */
    public static Optional<TargetSessionAttrs> fromKeyword(String value) {
        for (TargetSessionAttrs t : values()) {
            if (t.keyword.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
