package io.walstream.pgoutput.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A composite (row type) value: its fields in column order, each as PostgreSQL's text of the field's value
 * ({@code null} for NULL). pgoutput does not say a composite's field names or, in text format, their types, so
 * fields are text in both formats (binary fields are decoded by the type OID they carry and printed back as
 * PostgreSQL would); read a field with {@link #field(int)}, a nested composite with {@link #record(int)}, or
 * convert it with the type you know. {@link #toString()} prints the value as PostgreSQL does:
 * {@code (42,"x y ""z""",)}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param fields the field texts in order, {@code null} for NULL
 */
public record PgRecord(List<String> fields) {

    /** Copies the list (which may hold {@code null}). */
    public PgRecord {
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /**
     * @param index a 0-based field index
     * @return the field's text, or {@code null} if NULL
     */
    public String field(int index) {
        return fields.get(index);
    }

    /**
     * @param index a 0-based field index
     * @return the field parsed as a nested composite, or {@code null} if NULL
     * @throws IllegalArgumentException if the field is not composite text
     */
    public PgRecord record(int index) {
        String f = fields.get(index);
        return f == null ? null : parse(f);
    }

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /**
     * @param text a composite in PostgreSQL's text form, {@code (a,"b c",)}
     * @return the record
     * @throws IllegalArgumentException if malformed
     */
    public static PgRecord parse(String text) {
        String s = text.trim();
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
            throw new IllegalArgumentException("composite text must be enclosed in parentheses");
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (true) {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            while (i < end) {
                char c = s.charAt(i);
                if (!inQuotes && c == ',') {
                    break;
                }
                i++;
                if (c == '\\' && i < end) {
                    sb.append(s.charAt(i++));
                } else if (c == '"') {
                    if (inQuotes && i < end && s.charAt(i) == '"') {
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
            if (inQuotes) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            out.add(sb.length() == 0 && !quoted ? null : sb.toString());
            if (i >= end) {
                return new PgRecord(out);
            }
            i++; // the comma
        }
    }

    /** @return {@code (f1,f2,...)}, quoting as {@code record_out} does */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                sb.append(',');
            }
            String v = fields.get(f);
            if (v == null) {
                continue;
            }
            TypeCodecs.appendQuoted(v, "(),", sb);
        }
        return sb.append(')').toString();
    }
}
