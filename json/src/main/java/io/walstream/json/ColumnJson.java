package io.walstream.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.pgoutput.types.PgInet;
import io.walstream.pgoutput.types.PgInterval;
import io.walstream.pgoutput.types.PgNumeric;
import io.walstream.pgoutput.types.ValueConversionException;
import io.walstream.pgoutput.types.ValueDecoder;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Writes one column value as typed JSON (docs/json.md, "Column values"): bool as a boolean; int2/int4/int8/oid
 * and finite float4/float8 as numbers; numeric, money, NaN and infinities as strings; bytea as lower-case hex;
 * date/time/timestamp as ISO-8601 strings (timestamptz in UTC with {@code Z}); interval as an ISO-8601 duration;
 * json/jsonb embedded as JSON; one-dimensional arrays of known element types as arrays; everything else as the
 * server's text (or hex of the binary form for types this library does not know).
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ColumnJson {

    private ColumnJson() {
    }

    /** Writes the value of a column that has data (neither NULL, nor unchanged TOAST, nor a placeholder). */
    static void write(JsonGenerator g, ColumnValue c) throws IOException {
        if (c.isNull()) {
            g.writeNull();
            return;
        }
        int oid = c.formatOid();
        if (!c.isBinary()) {
            if (writeText(g, c, oid)) {
                return;
            }
        }
        if (oid == BuiltinTypes.JSON || oid == BuiltinTypes.JSONB) {
            g.writeRawValue(c.asJson());
            return;
        }
        if (ValueDecoder.isInfinity(c) && isTemporalOrNumeric(oid)) {
            g.writeString(infinityText(c));
            return;
        }
        Object value;
        try {
            value = c.asObject();
        } catch (ValueConversionException e) {
            // e.g. a multi-dimensional array: keep the value, as text
            g.writeString(c.isBinary() ? Hex.of(c.rawBytes()) : c.utf8Text());
            return;
        }
        int elementOid = BuiltinTypes.isArray(oid) ? BuiltinTypes.elementOf(oid) : 0;
        writeObject(g, value, oid, elementOid);
    }

    /** The fast path for text-format values whose text is already the JSON we want; false if not handled. */
    private static boolean writeText(JsonGenerator g, ColumnValue c, int oid) throws IOException {
        switch (oid) {
            case BuiltinTypes.INT2: case BuiltinTypes.INT4: case BuiltinTypes.INT8: case BuiltinTypes.OID:
                g.writeNumber(c.utf8Text());
                return true;
            case BuiltinTypes.FLOAT4: case BuiltinTypes.FLOAT8: {
                String t = c.utf8Text();
                if (t.equals("NaN") || t.endsWith("Infinity")) {
                    g.writeString(t);
                } else {
                    g.writeNumber(t); // the server prints the shortest text that reads back exactly
                }
                return true;
            }
            case BuiltinTypes.NUMERIC: case BuiltinTypes.MONEY: case BuiltinTypes.TEXT: case BuiltinTypes.VARCHAR:
            case BuiltinTypes.BPCHAR: case BuiltinTypes.NAME: case BuiltinTypes.UUID: case BuiltinTypes.XML:
                g.writeString(c.utf8Text());
                return true;
            case BuiltinTypes.JSON: case BuiltinTypes.JSONB:
                g.writeRawValue(c.utf8Text());
                return true;
            default:
                return false;
        }
    }

    private static boolean isTemporalOrNumeric(int oid) {
        return oid == BuiltinTypes.DATE || oid == BuiltinTypes.TIMESTAMP || oid == BuiltinTypes.TIMESTAMPTZ
                || oid == BuiltinTypes.NUMERIC || oid == BuiltinTypes.INTERVAL || oid == BuiltinTypes.FLOAT4
                || oid == BuiltinTypes.FLOAT8;
    }

    private static String infinityText(ColumnValue c) {
        if (!c.isBinary()) {
            return c.utf8Text();
        }
        Object v = c.asObject();
        boolean negative = v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MIN) || v.equals(OffsetDateTime.MIN)
                || v.equals(PgNumeric.NEGATIVE_INFINITY) || v.equals(PgInterval.NEGATIVE_INFINITY)
                || (v instanceof Number n && n.doubleValue() < 0);
        boolean floating = v instanceof Float || v instanceof Double;
        return floating ? (negative ? "-Infinity" : "Infinity") : (negative ? "-infinity" : "infinity");
    }

    /** Writes a decoded value (a column's or an array element's) of type {@code oid}. */
    static void writeObject(JsonGenerator g, Object v, int oid, int elementOid) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                writeObject(g, element, elementOid, 0);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                g.writeString(f.isNaN() ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
            } else {
                g.writeNumber(f);
            }
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof PgNumeric n) {
            g.writeString(n.toString());
        } else if (v instanceof byte[] bytes) {
            g.writeString(Hex.of(bytes));
        } else if (v instanceof String s) {
            if (oid == BuiltinTypes.JSON || oid == BuiltinTypes.JSONB) {
                g.writeRawValue(s);
            } else {
                g.writeString(s);
            }
        } else {
            g.writeString(temporalOrText(v));
        }
    }

    private static String temporalOrText(Object v) {
        if (v instanceof LocalDate d) {
            return d.equals(LocalDate.MAX) ? "infinity" : d.equals(LocalDate.MIN) ? "-infinity"
                    : DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        if (v instanceof LocalDateTime t) {
            return t.equals(LocalDateTime.MAX) ? "infinity" : t.equals(LocalDateTime.MIN) ? "-infinity"
                    : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (v instanceof OffsetDateTime t) {
            return t.equals(OffsetDateTime.MAX) ? "infinity" : t.equals(OffsetDateTime.MIN) ? "-infinity"
                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (v instanceof LocalTime t) {
            return t.equals(LocalTime.MAX) ? "24:00:00" : DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        if (v instanceof OffsetTime t) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
        }
        if (v instanceof PgInterval i) {
            return i.isInfinite() ? i.toString() : i.toIsoString();
        }
        if (v instanceof UUID || v instanceof PgInet) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
