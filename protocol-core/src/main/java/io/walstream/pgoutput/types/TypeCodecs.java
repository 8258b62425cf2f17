package io.walstream.pgoutput.types;

import java.util.HashMap;
import java.util.Map;

/**
 * The registry of {@link TypeCodec}s by type OID: every built-in type of {@link BuiltinTypes} and the arrays
 * of each. To add a type, add its codec to its family's {@code register} method (or a new family class listed
 * here). Immutable after class initialization; safe to use from any thread.
 */
final class TypeCodecs {
    private static final Map<Integer, TypeCodec> CODECS = new HashMap<>();

    static {
        NumberTypes.register(CODECS);
        TextTypes.register(CODECS);
        DateTimeTypes.register(CODECS);
        IdentifierTypes.register(CODECS);
        NetworkTypes.register(CODECS);
        GeometricTypes.register(CODECS);
        TextSearchTypes.register(CODECS);
        RangeTypes.register(CODECS);
        for (Map.Entry<Integer, Integer> e : BuiltinTypes.arrayTypes().entrySet()) {
            TypeCodec element = CODECS.get(e.getValue());
            if (element != null) {
                CODECS.put(e.getKey(), new ArrayTypeCodec(element));
            }
        }
    }

    /** Element texts of arrays whose element type is not known. */
    static final TypeCodec UNKNOWN_ARRAY = new ArrayTypeCodec(null);

    private TypeCodecs() {
    }

    /**
     * @param oid a type OID
     * @return its codec, or {@code null} if the type is not built in
     */
    static TypeCodec forOid(int oid) {
        return CODECS.get(oid);
    }

    /**
     * Appends {@code value} as PostgreSQL's record and range output functions write an element: in double quotes
     * when it is empty or has a double quote, a backslash, white space or one of {@code specials}, with {@code "}
     * and {@code \} doubled.
     *
     * @param value the element's text
     * @param specials the delimiters of the enclosing syntax ({@code (),} for records, {@code ()[],} for ranges)
     * @param sb where to append
     */
    static void appendQuoted(String value, String specials, StringBuilder sb) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || specials.indexOf(c) >= 0 || isSpace(c);
        }
        if (quote) {
            sb.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        if (quote) {
            sb.append('"');
        }
    }

    /** @return C's {@code isspace} in the C locale, which PostgreSQL's array, record and range I/O use */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }
}
