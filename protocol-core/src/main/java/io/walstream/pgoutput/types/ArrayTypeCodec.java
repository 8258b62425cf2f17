package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The codec of an array type over its element codec, any number of dimensions, any lower bounds
 * ({@link PgArray}). Text is {@code array_out}'s: optional {@code [lb:ub]...=} dimensions, nested braces,
 * elements quoted when needed, unquoted {@code NULL}. Binary is {@code array_send}'s: ndim, has-nulls flag,
 * element OID, per dimension size and lower bound, then each element as int32 length ({@code -1} for NULL)
 * and its send format, in row-major order. A {@code null} element codec means an element type the library
 * does not know: elements are then their text ({@link UnknownTypes}). Immutable.
 */
final class ArrayTypeCodec extends TypeCodec {
    private static final int MAX_DIMENSIONS = 6;

    private final TypeCodec element;

    ArrayTypeCodec(TypeCodec element) {
        this.element = element;
    }

    @Override
    Class<?> javaType() {
        return PgArray.class;
    }

    @Override
    char arrayDelimiter() {
        return ',';
    }

    private char delimiter() {
        return element != null ? element.arrayDelimiter() : ',';
    }

    @Override
    Object text(String text) {
        String s = text.trim();
        int[] at = {0};
        List<Integer> lowers = new ArrayList<>();
        if (s.startsWith("[")) {
            while (at[0] < s.length() && s.charAt(at[0]) == '[') {
                int colon = s.indexOf(':', at[0]);
                int close = s.indexOf(']', at[0]);
                if (colon < 0 || close < colon) {
                    throw new IllegalArgumentException("bad array dimensions");
                }
                lowers.add(Integer.parseInt(s.substring(at[0] + 1, colon).trim()));
                at[0] = close + 1;
            }
            if (at[0] >= s.length() || s.charAt(at[0]) != '=') {
                throw new IllegalArgumentException("array dimensions without '='");
            }
            at[0]++;
            while (at[0] < s.length() && TypeCodecs.isSpace(s.charAt(at[0]))) {
                at[0]++;
            }
        }
        if (at[0] >= s.length() || s.charAt(at[0]) != '{') {
            throw new IllegalArgumentException("array text must start with '{'");
        }
        Object nested = level(s, at);
        if (at[0] != s.length()) {
            throw new IllegalArgumentException("junk after array");
        }
        List<?> top = (List<?>) nested;
        if (top.isEmpty()) {
            return new PgArray(Collections.emptyList(), 1, 0, "{}");
        }
        int dims = 1;
        for (Object o = top.get(0); o instanceof List; o = ((List<?>) o).get(0)) {
            dims++;
        }
        if (!lowers.isEmpty() && lowers.size() != dims) {
            throw new IllegalArgumentException("dimension count does not match the nesting");
        }
        PgArray a = build(top, lowers, 0, dims);
        return a.withText(format(a));
    }

    /** Parses {@code {...}} at {@code at[0]}: a list of element texts ({@code null} = NULL) or nested lists. */
    private List<Object> level(String s, int[] at) {
        at[0]++; // '{'
        List<Object> out = new ArrayList<>();
        char delim = delimiter();
        while (true) {
            skipSpace(s, at);
            if (at[0] >= s.length()) {
                throw new IllegalArgumentException("unterminated array");
            }
            char c = s.charAt(at[0]);
            if (c == '}' && out.isEmpty()) {
                at[0]++;
                return out;
            }
            if (c == '{') {
                out.add(level(s, at));
            } else {
                out.add(item(s, at, delim));
            }
            skipSpace(s, at);
            if (at[0] >= s.length()) {
                throw new IllegalArgumentException("unterminated array");
            }
            c = s.charAt(at[0]++);
            if (c == '}') {
                return out;
            }
            if (c != delim) {
                throw new IllegalArgumentException("expected '" + delim + "' in array at " + (at[0] - 1));
            }
        }
    }

    private static void skipSpace(String s, int[] at) {
        while (at[0] < s.length() && TypeCodecs.isSpace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static String item(String s, int[] at, char delim) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        int lastSignificant = 0;
        int i = at[0];
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!inQuotes && (c == delim || c == '}')) {
                break;
            }
            i++;
            if (c == '\\' && i < s.length()) {
                sb.append(s.charAt(i++));
                lastSignificant = sb.length();
                quoted = true;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                quoted = true;
                lastSignificant = sb.length();
            } else {
                sb.append(c);
                if (inQuotes || !TypeCodecs.isSpace(c)) {
                    lastSignificant = sb.length();
                }
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("unterminated quoted array element");
        }
        at[0] = i;
        sb.setLength(lastSignificant);
        String v = sb.toString();
        if (!quoted && v.isEmpty()) {
            throw new IllegalArgumentException("empty unquoted array element");
        }
        return !quoted && v.equalsIgnoreCase("NULL") ? null : v;
    }

    private PgArray build(List<?> level, List<Integer> lowers, int dim, int dims) {
        List<Object> items = new ArrayList<>(level.size());
        for (Object o : level) {
            if (dim + 1 < dims) {
                if (!(o instanceof List)) {
                    throw new IllegalArgumentException("multidimensional arrays must have sub-arrays of one shape");
                }
                items.add(build((List<?>) o, lowers, dim + 1, dims));
            } else if (o instanceof List) {
                throw new IllegalArgumentException("multidimensional arrays must have sub-arrays of one shape");
            } else {
                items.add(o == null ? null : element != null ? element.text((String) o) : o);
            }
        }
        int lb = lowers.isEmpty() ? 1 : lowers.get(dim);
        return new PgArray(Collections.unmodifiableList(items), lb, dims - dim, null);
    }

    @Override
    Object binary(ByteBuffer b) {
        int ndim = b.getInt();
        b.getInt(); // has-nulls flag: NULLs are marked per element anyway
        int elementOid = b.getInt();
        if (ndim == 0) {
            return new PgArray(Collections.emptyList(), 1, 0, "{}");
        }
        if (ndim < 0 || ndim > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("bad number of array dimensions " + ndim);
        }
        int[] sizes = new int[ndim];
        int[] lowers = new int[ndim];
        long total = 1;
        for (int d = 0; d < ndim; d++) {
            sizes[d] = b.getInt();
            lowers[d] = b.getInt();
            total *= Math.max(sizes[d], 0);
            if (sizes[d] < 0 || total > b.remaining() / 4 + 1) {
                throw new IllegalArgumentException("bad array size " + sizes[d]);
            }
        }
        TypeCodec codec = TypeCodecs.forOid(elementOid);
        if (codec == null) {
            codec = element;
        }
        PgArray a = binaryLevel(b, codec, elementOid, sizes, lowers, 0);
        return a.withText(format(a));
    }

    private static PgArray binaryLevel(ByteBuffer b, TypeCodec codec, int elementOid, int[] sizes, int[] lowers,
            int dim) {
        List<Object> items = new ArrayList<>(sizes[dim]);
        for (int i = 0; i < sizes[dim]; i++) {
            if (dim + 1 < sizes.length) {
                items.add(binaryLevel(b, codec, elementOid, sizes, lowers, dim + 1));
                continue;
            }
            int len = b.getInt();
            if (len == -1) {
                items.add(null);
                continue;
            }
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("bad length " + len + " of array element " + i);
            }
            ByteBuffer v = b.slice().limit(len);
            b.position(b.position() + len);
            items.add(codec != null ? codec.binaryExact(v) : UnknownTypes.binaryText(v, elementOid));
        }
        return new PgArray(Collections.unmodifiableList(items), lowers[dim], sizes.length - dim, null);
    }

    @Override
    void format(Object value, StringBuilder sb) {
        PgArray a = (PgArray) value;
        if (a.dimensions() == 0) {
            sb.append("{}");
            return;
        }
        boolean bounds = false;
        for (Object o = a; o instanceof PgArray; o = ((PgArray) o).isEmpty() ? null : ((PgArray) o).get(0)) {
            bounds |= ((PgArray) o).lowerBound() != 1;
        }
        if (bounds) {
            for (Object o = a; o instanceof PgArray; o = ((PgArray) o).get(0)) {
                PgArray d = (PgArray) o;
                sb.append('[').append(d.lowerBound()).append(':').append(d.upperBound()).append(']');
            }
            sb.append('=');
        }
        formatLevel(a, sb);
    }

    private void formatLevel(PgArray a, StringBuilder sb) {
        char delim = delimiter();
        sb.append('{');
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) {
                sb.append(delim);
            }
            Object o = a.get(i);
            if (o instanceof PgArray && a.dimensions() > 1) {
                formatLevel((PgArray) o, sb);
            } else if (o == null) {
                sb.append("NULL");
            } else {
                quote(element != null ? element.format(o) : o.toString(), delim, sb);
            }
        }
        sb.append('}');
    }

    /** {@code array_out}'s quoting: empty, {@code NULL}, or containing {@code "\{}}, the delimiter or space. */
    static void quote(String v, char delim, StringBuilder sb) {
        boolean q = v.isEmpty() || v.equalsIgnoreCase("NULL");
        for (int i = 0; i < v.length() && !q; i++) {
            char c = v.charAt(i);
            q = c == '"' || c == '\\' || c == '{' || c == '}' || c == delim || TypeCodecs.isSpace(c);
        }
        if (!q) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
