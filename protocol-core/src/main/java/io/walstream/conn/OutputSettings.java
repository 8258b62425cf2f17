package io.walstream.conn;

import java.util.Locale;
import java.util.Map;

/**
 * The session settings that make the server print column values in the one canonical text form walstream's
 * value layer reads and renders ({@code io.walstream.pgoutput.types.ValueDecoder#toCanonicalText}): sent as
 * start-up parameters on every connection, except those the user names in the {@code options} connection
 * parameter ({@code -c TimeZone=Europe/Paris} keeps the user's value).
 *
 * <pre>
 * DateStyle          ISO        dates and timestamps as 2026-12-07 10:00:00 (output part only; input order kept)
 * IntervalStyle      postgres   1 year 2 mons 3 days 04:05:06
 * extra_float_digits 1          shortest exact float text (the PostgreSQL 12+ default)
 * TimeZone           UTC        timestamptz text at +00, equal to the binary value's rendering
 * lc_monetary        C          money as $1,234.56
 * bytea_output       hex        bytea as \x0aff
 * </pre>
 *
 * <p>Start-up parameters take precedence over {@code postgresql.conf}, {@code ALTER SYSTEM},
 * {@code ALTER DATABASE … SET} and {@code ALTER ROLE … SET}: a server, database or role default for these is
 * not used by walstream's sessions unless repeated in {@code options}. A walsender prints pgoutput's text-format
 * values with its own session's settings, so without these a server configured with, say,
 * {@code DateStyle = 'SQL, DMY'} would send {@code 07/12/2026} for a date.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class OutputSettings {

    /** Name and value of each setting, in the order they are sent. */
    static final Map<String, String> CANONICAL = orderedOf(
            "DateStyle", "ISO",
            "IntervalStyle", "postgres",
            "extra_float_digits", "1",
            "TimeZone", "UTC",
            "lc_monetary", "C",
            "bytea_output", "hex");

    private OutputSettings() {
    }

    /**
     * Adds every canonical setting that {@code options} does not set.
     *
     * @param parameters the start-up parameters being built
     * @param options the user's {@code options} connection parameter ({@code ""} if none)
     */
    static void addTo(Map<String, String> parameters, String options) {
        String o = options == null ? "" : options.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : CANONICAL.entrySet()) {
            if (!setIn(o, e.getKey().toLowerCase(Locale.ROOT))) {
                parameters.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * @return whether the lower-cased options set {@code name}: {@code -c name=…}, {@code -cname=…} or
     *         {@code --name=…} (the server splits {@code options} at white space; GUC names are
     *         case-insensitive, and {@code -} stands for {@code _} in the {@code --name} form)
     */
    static boolean setIn(String options, String name) {
        String[] words = options.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String assignment = null;
            if (w.startsWith("--")) {
                assignment = w.substring(2).replace('-', '_');
            } else if (w.equals("-c") && i + 1 < words.length) {
                assignment = words[++i];
            } else if (w.startsWith("-c")) {
                assignment = w.substring(2);
            }
            int eq = assignment == null ? -1 : assignment.indexOf('=');
            if (eq > 0 && assignment.substring(0, eq).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> orderedOf(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
