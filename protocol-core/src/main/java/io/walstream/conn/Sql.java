package io.walstream.conn;

/**
 * Quoting of identifiers and literals for SQL and for the replication command grammar.
 *
 * <p>Identifiers are always double-quoted with {@code "} doubled, so case, unicode and keywords survive.
 * SQL string literals double {@code '}; when {@code standard_conforming_strings} is off, backslashes are
 * escape characters in plain literals, so such literals are written as {@code E'...'} with backslashes
 * doubled. The replication grammar's literals never treat backslash specially. A NUL character cannot be
 * sent in any of them and is rejected.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class Sql {

    private Sql() {
    }

    /**
     * @param identifier a name such as a slot, publication or table name
     * @return the double-quoted form
     */
    public static String quoteIdentifier(String identifier) {
        rejectNul("identifier", identifier);
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("An identifier cannot be empty");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * @param value a string value
     * @param standardConformingStrings the session's {@code standard_conforming_strings}
     * @return an SQL literal that reads back as {@code value}
     */
    public static String quoteLiteral(String value, boolean standardConformingStrings) {
        rejectNul("literal", value);
        String doubled = value.replace("'", "''");
        if (!standardConformingStrings && value.indexOf('\\') >= 0) {
            return "E'" + doubled.replace("\\", "\\\\") + "'";
        }
        return "'" + doubled + "'";
    }

    /**
     * @param value a string value for a replication command option
     * @return a replication-grammar literal ({@code '} doubled; backslash is not special there)
     */
    public static String quoteReplicationLiteral(String value) {
        rejectNul("literal", value);
        return "'" + value.replace("'", "''") + "'";
    }

    private static void rejectNul(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException("The " + what + " is null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The " + what + " contains a NUL character, which PostgreSQL cannot accept");
        }
    }
}
