package io.walstream.conn;

import java.util.Locale;
import java.util.Optional;

/**
 * The libpq {@code replication} setting, which the server reads from the startup packet.
 *
 * <p>Accepted values are the server's: a boolean as PostgreSQL's {@code parse_bool} reads it
 * ({@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}, {@code 1}/{@code 0}, any
 * case, and unambiguous prefixes such as {@code t} or {@code of}), or {@code database}. An empty value
 * means {@link #NONE}, as libpq then sends nothing.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ReplicationMode {
    /** A normal connection: the parameter is not sent. */
    NONE(null),
    /** A physical replication (walsender) connection: {@code replication=true}. */
    PHYSICAL("true"),
    /** A logical replication connection bound to {@code dbname}: {@code replication=database}. */
    DATABASE("database");

    private final String startupValue;

    ReplicationMode(String startupValue) {
        this.startupValue = startupValue;
    }

    /** @return the value to send in the startup packet, or empty for {@link #NONE} */
    public Optional<String> startupValue() {
        return Optional.ofNullable(startupValue);
    }

    /**
     * @param value a {@code replication} value as written
     * @return the mode, or empty if the server would reject the value
     */
    public static Optional<ReplicationMode> fromKeyword(String value) {
        if (value.isEmpty()) {
            return Optional.of(NONE);
        }
        if (value.toLowerCase(Locale.ROOT).equals("database")) {
            return Optional.of(DATABASE);
        }
        Boolean b = parseBool(value);
        if (b == null) {
            return Optional.empty();
        }
        return Optional.of(b ? PHYSICAL : NONE);
    }

    /** PostgreSQL's {@code parse_bool_with_len}: a non-empty prefix of the word, "on"/"off" need two letters. */
    private static Boolean parseBool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        switch (v.charAt(0)) {
            case 't':
                return "true".startsWith(v) ? Boolean.TRUE : null;
            case 'f':
                return "false".startsWith(v) ? Boolean.FALSE : null;
            case 'y':
                return "yes".startsWith(v) ? Boolean.TRUE : null;
            case 'n':
                return "no".startsWith(v) ? Boolean.FALSE : null;
            case 'o':
                if (v.length() >= 2 && "on".startsWith(v)) {
                    return Boolean.TRUE;
                }
                if (v.length() >= 2 && "off".startsWith(v)) {
                    return Boolean.FALSE;
                }
                return null;
            case '1':
                return v.length() == 1 ? Boolean.TRUE : null;
            case '0':
                return v.length() == 1 ? Boolean.FALSE : null;
            default:
                return null;
        }
    }
}
