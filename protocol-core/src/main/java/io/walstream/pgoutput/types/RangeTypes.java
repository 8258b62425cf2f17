package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Codecs of the built-in range types ({@link PgRange}) and multirange types ({@link PgMultirange}). Binary
 * {@code range_send}: a flags byte (1 empty, 2 lower inclusive, 4 upper inclusive, 8 lower infinite, 16 upper
 * infinite), then each finite bound as int32 length and the element's send format; {@code multirange_send}:
 * int32 count, then each range as int32 length and {@code range_send}. The binary form does not name the
 * element type, so only built-in ranges decode in binary. Stateless.
 */
final class RangeTypes {

    private RangeTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        range(codecs, BuiltinTypes.INT4RANGE, BuiltinTypes.INT4, BuiltinTypes.INT4MULTIRANGE);
        range(codecs, BuiltinTypes.INT8RANGE, BuiltinTypes.INT8, BuiltinTypes.INT8MULTIRANGE);
        range(codecs, BuiltinTypes.NUMRANGE, BuiltinTypes.NUMERIC, BuiltinTypes.NUMMULTIRANGE);
        range(codecs, BuiltinTypes.TSRANGE, BuiltinTypes.TIMESTAMP, BuiltinTypes.TSMULTIRANGE);
        range(codecs, BuiltinTypes.TSTZRANGE, BuiltinTypes.TIMESTAMPTZ, BuiltinTypes.TSTZMULTIRANGE);
        range(codecs, BuiltinTypes.DATERANGE, BuiltinTypes.DATE, BuiltinTypes.DATEMULTIRANGE);
    }

    private static void range(Map<Integer, TypeCodec> codecs, int rangeOid, int elementOid, int multirangeOid) {
        RangeCodec range = new RangeCodec(codecs.get(elementOid));
        codecs.put(rangeOid, range);
        codecs.put(multirangeOid, new MultirangeCodec(range));
    }

    /** {@code range_bound_escape}: quotes a bound that is empty or has {@code "\()[],} or white space. */
    static void escapeBound(String value, StringBuilder sb) {
        TypeCodecs.appendQuoted(value, "()[],", sb);
    }

    /** One range type over an element codec. */
    static final class RangeCodec extends TypeCodec {
        private final TypeCodec element;

        RangeCodec(TypeCodec element) {
            this.element = element;
        }

        @Override
        Class<?> javaType() {
            return PgRange.class;
        }

        @Override
        Object text(String text) {
            int[] at = {0};
            PgRange<Object> r = parse(text.trim(), at);
            if (at[0] != text.trim().length()) {
                throw new IllegalArgumentException("junk after range");
            }
            return r;
        }

        /** Parses one range starting at {@code at[0]}, leaving it after the closing bracket. */
        PgRange<Object> parse(String s, int[] at) {
            if (s.regionMatches(true, at[0], "empty", 0, 5)) {
                at[0] += 5;
                return PgRange.empty();
            }
            char open = s.charAt(at[0]++);
            if (open != '[' && open != '(') {
                throw new IllegalArgumentException("range must start with [ or (");
            }
            String lower = bound(s, at, ',');
            at[0]++;
            String upper = bound(s, at, ']');
            char close = s.charAt(at[0]++);
            PgRange<Object> r = PgRange.of(lower == null ? null : element.text(lower), open == '[',
                    upper == null ? null : element.text(upper), close == ']');
            return PgRange.withText(r, format(r));
        }

        /** @return the bound text, {@code null} if empty and unquoted (infinite); stops at the delimiter */
        private static String bound(String s, int[] at, char delimiter) {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            int i = at[0];
            while (i < s.length()) {
                char c = s.charAt(i);
                if (!inQuotes && (c == delimiter || delimiter == ']' && c == ')')) {
                    break;
                }
                i++;
                if (c == '\\' && i < s.length()) {
                    sb.append(s.charAt(i++));
                } else if (c == '"') {
                    if (inQuotes && i < s.length() && s.charAt(i) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        inQuotes = !inQuotes;
                        quoted = true;
                    }
                } else {
                    sb.append(c);
                }
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("unterminated range");
            }
            at[0] = i;
            return sb.length() == 0 && !quoted ? null : sb.toString();
        }

        @Override
        Object binary(ByteBuffer b) {
            int flags = b.get();
            if ((flags & 1) != 0) {
                return PgRange.empty();
            }
            Object lower = (flags & 8) != 0 ? null : bound(b);
            Object upper = (flags & 16) != 0 ? null : bound(b);
            PgRange<Object> r = PgRange.of(lower, (flags & 2) != 0, upper, (flags & 4) != 0);
            return PgRange.withText(r, format(r));
        }

        private Object bound(ByteBuffer b) {
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("bad range bound length " + len);
            }
            ByteBuffer v = b.slice().limit(len);
            b.position(b.position() + len);
            return element.binaryExact(v);
        }

        @Override
        void format(Object value, StringBuilder sb) {
            PgRange<?> r = (PgRange<?>) value;
            if (r.isEmpty()) {
                sb.append("empty");
                return;
            }
            sb.append(r.lowerInclusive() ? '[' : '(');
            if (r.lower() != null) {
                escapeBound(element.format(r.lower()), sb);
            }
            sb.append(',');
            if (r.upper() != null) {
                escapeBound(element.format(r.upper()), sb);
            }
            sb.append(r.upperInclusive() ? ']' : ')');
        }
    }

    /** One multirange type over its range codec. */
    static final class MultirangeCodec extends TypeCodec {
        private final RangeCodec range;

        MultirangeCodec(RangeCodec range) {
            this.range = range;
        }

        @Override
        Class<?> javaType() {
            return PgMultirange.class;
        }

        @Override
        Object text(String text) {
            String s = text.trim();
            if (!s.startsWith("{") || !s.endsWith("}")) {
                throw new IllegalArgumentException("multirange must be enclosed in braces");
            }
            List<PgRange<Object>> ranges = new ArrayList<>();
            int[] at = {1};
            while (true) {
                while (Character.isWhitespace(s.charAt(at[0]))) {
                    at[0]++;
                }
                if (s.charAt(at[0]) == '}' && ranges.isEmpty()) {
                    break;
                }
                PgRange<Object> r = range.parse(s, at);
                if (!r.isEmpty()) {
                    ranges.add(r);
                }
                while (Character.isWhitespace(s.charAt(at[0]))) {
                    at[0]++;
                }
                char c = s.charAt(at[0]++);
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , in multirange");
                }
            }
            return new PgMultirange<>(ranges);
        }

        @Override
        Object binary(ByteBuffer b) {
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / 5) {
                throw new IllegalArgumentException("bad multirange count " + n);
            }
            List<PgRange<Object>> ranges = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) {
                    throw new IllegalArgumentException("bad range length " + len);
                }
                ByteBuffer v = b.slice().limit(len);
                b.position(b.position() + len);
                @SuppressWarnings("unchecked")
                PgRange<Object> r = (PgRange<Object>) range.binaryExact(v);
                ranges.add(r);
            }
            return new PgMultirange<>(ranges);
        }

        @Override
        void format(Object value, StringBuilder sb) {
            sb.append('{');
            List<? extends PgRange<?>> ranges = ((PgMultirange<?>) value).ranges();
            for (int i = 0; i < ranges.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                range.format(ranges.get(i), sb);
            }
            sb.append('}');
        }
    }
}
