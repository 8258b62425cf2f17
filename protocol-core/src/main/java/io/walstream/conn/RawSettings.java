package io.walstream.conn;

import io.walstream.ConnectionStringException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The keyword values one connection string set, before environment variables and defaults: libpq's
 * {@code conninfo_storeval}. A repeated keyword replaces the earlier value; {@code requiressl} is translated
 * to {@code sslmode} as older libpq did ({@code 1…} → {@code require}, anything else → {@code prefer}).
 *
 * <p><b>Thread safety:</b> not thread-safe; confined to one parse.
 */
final class RawSettings {
    private final Map<Keyword, String> values = new EnumMap<>(Keyword.class);

    /**
     * Stores a value, or fails with libpq's {@code invalid connection option "x"} for an unknown keyword.
     *
     * @param keyword the keyword as written
     * @param value the decoded value, possibly empty
     * @param shownKeyword how to name the keyword in an error (the keyword itself, or a redacted
     *     description when the text might be part of a secret)
     */
    void store(String keyword, String value, String shownKeyword) {
        if (!tryStore(keyword, value)) {
            throw new ConnectionStringException("invalid connection option \"" + shownKeyword + "\"");
        }
    }

    /**
     * @param keyword the keyword as written
     * @param value the decoded value
     * @return {@code false} if the keyword is unknown (nothing stored)
     */
    boolean tryStore(String keyword, String value) {
        if (keyword.equals("requiressl")) {
            values.put(Keyword.SSLMODE, value.startsWith("1") ? "require" : "prefer");
            return true;
        }
        Keyword k = Keyword.find(keyword).orElse(null);
        if (k == null) {
            return false;
        }
        values.put(k, value);
        return true;
    }

    /** @return the stored values; the map is live, callers copy it */
    Map<Keyword, String> values() {
        return values;
    }
}
