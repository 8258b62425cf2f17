package io.walstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an ErrorResponse ({@code E}) or NoticeResponse ({@code N}), as data.
 *
 * <pre>
 * Byte1 tag ('E' | 'N') | Int32 length | { Byte1 code, String value }* | Byte1 0
 * </pre>
 *
 * <p>Every field the server sent is kept in {@link #fields()} in arrival order, keyed by its one-letter code
 * ({@code S} severity, {@code V} non-localized severity, {@code C} SQLSTATE, {@code M} message, {@code D}
 * detail, {@code H} hint, {@code P} position, {@code p} internal position, {@code q} internal query, {@code W}
 * context, {@code s} schema, {@code t} table, {@code c} column, {@code d} data type, {@code n} constraint,
 * {@code F} file, {@code L} line, {@code R} routine; unknown codes are kept too). See
 * <a href="https://www.postgresql.org/docs/current/protocol-error-fields.html">Error and Notice Message
 * Fields</a>.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param severity the non-localized severity ({@code V}) if sent, else the localized one ({@code S})
 * @param sqlState the SQLSTATE ({@code C}), or {@code ""} if the server sent none
 * @param message the primary message ({@code M}), or {@code ""}
 * @param fields every field by code, in arrival order, unmodifiable
 */
public record ServerError(String severity, String sqlState, String message, Map<Character, String> fields) {

    public ServerError {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Parses the body of an ErrorResponse or NoticeResponse (the bytes after the length).
     *
     * @param body the body; read from its position to its limit, position unchanged
     * @return the parsed fields
     * @throws IllegalArgumentException if a field value is not NUL-terminated or the list has no terminator
     */
    public static ServerError parse(ByteBuffer body) {
        ByteBuffer b = body.duplicate();
        Map<Character, String> fields = new LinkedHashMap<>();
        while (true) {
            if (!b.hasRemaining()) {
                throw new IllegalArgumentException("error fields end without the terminating zero byte");
            }
            byte code = b.get();
            if (code == 0) {
                break;
            }
            int start = b.position();
            int end = start;
            while (end < b.limit() && b.get(end) != 0) {
                end++;
            }
            if (end == b.limit()) {
                throw new IllegalArgumentException(
                        "error field '" + (char) (code & 0xff) + "' is not NUL-terminated");
            }
            byte[] value = new byte[end - start];
            b.get(value);
            b.get(); // the NUL
            fields.put((char) (code & 0xff), new String(value, StandardCharsets.UTF_8));
        }
        String severity = fields.getOrDefault('V', fields.getOrDefault('S', ""));
        return new ServerError(severity, fields.getOrDefault('C', ""), fields.getOrDefault('M', ""), fields);
    }

    /** @return the detail ({@code D}), or {@code null} */
    public String detail() {
        return fields.get('D');
    }

    /** @return the hint ({@code H}), or {@code null} */
    public String hint() {
        return fields.get('H');
    }

    /**
     * @param code a field code such as {@code 'W'}
     * @return that field's value, or {@code null} if the server did not send it
     */
    public String field(char code) {
        return fields.get(code);
    }

    /** @return {@code SEVERITY SQLSTATE: message}, the first line of exception messages and logs */
    public String summary() {
        return severity + " " + sqlState + ": " + message;
    }

    /**
     * The error as psql prints it: the {@link #summary()}, then one line for each of DETAIL, HINT, CONTEXT (and
     * the schema, table, column, data type and constraint names) the server sent.
     *
     * <pre>
     * ERROR 42704: publication "p" does not exist
     * DETAIL:  ...
     * HINT:  ...
     * CONTEXT:  slot "s", output plugin "pgoutput", in the change callback, associated LSN 0/1A2B3C4
     * </pre>
     *
     * @return the formatted error
     */
    public String format() {
        StringBuilder sb = new StringBuilder(summary());
        line(sb, "DETAIL", fields.get('D'));
        line(sb, "HINT", fields.get('H'));
        line(sb, "CONTEXT", fields.get('W'));
        line(sb, "SCHEMA NAME", fields.get('s'));
        line(sb, "TABLE NAME", fields.get('t'));
        line(sb, "COLUMN NAME", fields.get('c'));
        line(sb, "DATATYPE NAME", fields.get('d'));
        line(sb, "CONSTRAINT NAME", fields.get('n'));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append('\n').append(label).append(":  ").append(value);
        }
    }
}
