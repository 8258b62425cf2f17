package io.walstream.conn;

/**
 * Chooses between the two connection-string forms as libpq's {@code parse_connection_string} does: a
 * string that starts with {@code postgresql://} or {@code postgres://} (exactly, case-sensitive, no leading
 * whitespace) is a URI ({@link UriParser}); anything else is keyword/value ({@link KeywordValueParser}).
 * An empty string sets nothing.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ConnInfoParser {
    private ConnInfoParser() {
    }

    /**
     * @param connectionString the string, not {@code null}
     * @return the values it sets
     * @throws io.walstream.ConnectionStringException if it is malformed or names an unknown keyword
     */
    static RawSettings parse(String connectionString) {
        if (UriParser.prefixLength(connectionString) > 0) {
            return UriParser.parse(connectionString);
        }
        return KeywordValueParser.parse(connectionString);
    }
}
