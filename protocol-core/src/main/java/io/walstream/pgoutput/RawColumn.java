package io.walstream.pgoutput;

import io.walstream.internal.TextObjects;
import io.walstream.internal.TextScan;
import io.walstream.pgoutput.types.BuiltinTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * The allocation-free paths of {@link ColumnValue}'s primitive getters: read a value of the matching built-in
 * type straight from the tuple's bytes (text as PostgreSQL prints it, binary big-endian). Each method throws
 * the shared stackless {@link TextScan#NOT_FAST} when the value is not of that form (NULL, another type, an
 * unusual spelling, out of range); the getter then takes the general path, which converts more and reports
 * errors. Stateless.
 */
final class RawColumn {

    private RawColumn() {
    }

    /** int2, int4, int8, oid. */
    static long integer(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.INT8 && oid != BuiltinTypes.INT4 && oid != BuiltinTypes.INT2
                && oid != BuiltinTypes.OID) {
            throw TextScan.NOT_FAST;
        }
        byte[] a = t.array();
        int p = t.position(index);
        int kind = a[p];
        if (kind == 't') {
            return TextScan.parseLong(a, p + 5, PayloadReader.readInt(a, p + 1));
        }
        if (kind != 'b') {
            throw TextScan.NOT_FAST;
        }
        int off = p + 5;
        int len = PayloadReader.readInt(a, p + 1);
        switch (oid) {
            case BuiltinTypes.INT8:
                expect(len, 8);
                return be64(a, off);
            case BuiltinTypes.INT4:
                expect(len, 4);
                return be32(a, off);
            case BuiltinTypes.INT2:
                expect(len, 2);
                return (short) ((a[off] << 8) | (a[off + 1] & 0xff));
            default:
                expect(len, 4);
                return be32(a, off) & 0xFFFF_FFFFL;
        }
    }

    /**
     * The value's bytes as a string when they are all ASCII: then UTF-8 decoding is a plain copy with nothing
     * to replace, so the result equals the lenient and the strict decoding and there is nothing for the
     * {@link Utf8Policy} to count.
     *
     * @return the string, or {@code null} when the column has no data or a byte is not ASCII (decode as UTF-8)
     */
    /**
     * @return a {@code 't'} column's bytes as UTF-8 (one position read for kind, length and value), or
     *         {@code null} for any other kind
     */
    static String textOrNull(TupleData t, int index) {
        byte[] a = t.array();
        int p = t.position(index);
        if (a[p] != 't') {
            return null;
        }
        return new String(a, p + 5, PayloadReader.readInt(a, p + 1), StandardCharsets.UTF_8);
    }

    static String asciiText(TupleData t, int index) {
        if (!t.kind(index).hasData()) {
            return null;
        }
        byte[] a = t.array();
        int off = t.offset(index);
        int len = length(a, off);
        return TextScan.isAscii(a, off, len) ? new String(a, off, len, StandardCharsets.ISO_8859_1) : null;
    }

    /** bool. */
    static boolean bool(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.BOOL) {
            throw TextScan.NOT_FAST;
        }
        byte[] a = t.array();
        int p = t.position(index);
        int kind = a[p];
        if (kind != 't' && kind != 'b') {
            throw TextScan.NOT_FAST;
        }
        int off = p + 5;
        int len = PayloadReader.readInt(a, p + 1);
        if (kind == 'b') {
            expect(len, 1);
            return a[off] != 0;
        }
        return TextScan.parseBoolean(a, off, len);
    }

    /** float8, float4, numeric (text, up to 15 significant digits), and the integer types. */
    static double floating(TupleData t, int index, int oid) {
        byte[] a = t.array();
        int p = t.position(index);
        int kind = a[p];
        if (kind != 't' && kind != 'b') {
            throw TextScan.NOT_FAST;
        }
        int off = p + 5;
        int len = PayloadReader.readInt(a, p + 1);
        if (oid == BuiltinTypes.FLOAT8 || oid == BuiltinTypes.FLOAT4 || oid == BuiltinTypes.NUMERIC) {
            if (kind == 't') {
                return TextScan.parseDouble(a, off, len);
            }
            if (oid == BuiltinTypes.FLOAT8) {
                expect(len, 8);
                return Double.longBitsToDouble(be64(a, off));
            }
            if (oid == BuiltinTypes.FLOAT4) {
                expect(len, 4);
                return Float.intBitsToFloat(be32(a, off));
            }
            throw TextScan.NOT_FAST;
        }
        return integer(t, index, oid);
    }

    /**
     * numeric in text of up to 36 significant digits (one allocation, the result, up to 18 digits; a few
     * beyond), or finite binary numeric of up to 4 base-10000 digits (the result and, when PostgreSQL's display
     * scale differs from the digits' scale, its rescaled copy).
     */
    static BigDecimal decimal(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.NUMERIC) {
            throw TextScan.NOT_FAST;
        }
        byte[] a = t.array();
        int p = t.position(index);
        int kind = a[p];
        if (kind == 't') {
            return TextObjects.parseDecimal(a, p + 5, PayloadReader.readInt(a, p + 1));
        }
        if (kind != 'b') {
            throw TextScan.NOT_FAST;
        }
        return binaryDecimal(a, p + 5, PayloadReader.readInt(a, p + 1));
    }

    /**
     * {@code numeric_send}: int16 ndigits, int16 weight, uint16 sign, int16 dscale, ndigits base-10000 digits;
     * the same value and scale as the general decoder (NumericBinary) gives, without BigInteger or buffers.
     */
    static BigDecimal binaryDecimal(byte[] a, int off, int len) {
        if (len < 8) {
            throw TextScan.NOT_FAST;
        }
        int ndigits = (short) be16(a, off);
        int weight = (short) be16(a, off + 2);
        int sign = be16(a, off + 4);
        int dscale = be16(a, off + 6) & 0x3fff;
        if (ndigits < 0 || ndigits > 4 || len != 8 + 2 * ndigits || sign != 0x0000 && sign != 0x4000) {
            throw TextScan.NOT_FAST; // longer, special (NaN, infinities) or malformed: the general path
        }
        if (ndigits == 0) {
            return BigDecimal.ZERO.setScale(dscale);
        }
        long v = 0;
        for (int i = 0; i < ndigits; i++) {
            int d = (short) be16(a, off + 8 + 2 * i);
            if (d < 0 || d > 9999) {
                throw TextScan.NOT_FAST;
            }
            v = v * 10_000 + d;
        }
        BigDecimal r = BigDecimal.valueOf(sign == 0x4000 ? -v : v, (ndigits - 1 - weight) * 4);
        return r.scale() == dscale ? r : r.setScale(dscale, RoundingMode.HALF_UP);
    }

    /**
     * A binary value of a simple type rendered as PostgreSQL's output function prints it (what
     * {@code ValueDecoder.toCanonicalText} gives): integers, bool, finite short numerics, and all-ASCII values of
     * the plain text types.
     */
    static String binaryText(TupleData t, int index, int oid) {
        switch (oid) {
            case BuiltinTypes.INT8:
            case BuiltinTypes.INT4:
            case BuiltinTypes.INT2:
                return Long.toString(integer(t, index, oid));
            case BuiltinTypes.BOOL:
                return bool(t, index, oid) ? "t" : "f";
            case BuiltinTypes.NUMERIC:
                return decimal(t, index, oid).toPlainString();
            case BuiltinTypes.TEXT:
            case BuiltinTypes.VARCHAR:
            case BuiltinTypes.BPCHAR:
            case BuiltinTypes.NAME:
                String s = asciiText(t, index);
                if (s != null) {
                    return s;
                }
                throw TextScan.NOT_FAST;
            default:
                throw TextScan.NOT_FAST;
        }
    }

    /** timestamptz in ISO text: the result and its date-time, no intermediate strings. */
    static OffsetDateTime offsetDateTime(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.TIMESTAMPTZ || t.kind(index) != ColumnKind.TEXT) {
            throw TextScan.NOT_FAST;
        }
        byte[] a = t.array();
        int off = t.offset(index);
        return TextObjects.parseTimestamptz(a, off, length(a, off));
    }

    /**
     * timestamp as microseconds since 1970-01-01 read as UTC: binary, or ISO text of a four-digit year AD without
     * an offset ({@code YYYY-MM-DD HH:MM:SS[.ffffff]}, what PostgreSQL prints); infinities as
     * {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} (binary only).
     */
    static long timestampMicros(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.TIMESTAMP || t.kind(index) == ColumnKind.TEXT && !plainIsoTimestamp(t, index)) {
            throw TextScan.NOT_FAST;
        }
        return epochMicros(t, index, oid);
    }

    private static boolean plainIsoTimestamp(TupleData t, int index) {
        byte[] a = t.array();
        int off = t.offset(index);
        int len = length(a, off);
        if (len < 19 || len > 26 || a[off + 4] != '-') {
            return false;
        }
        for (int i = off + 19; i < off + len; i++) {
            if (a[i] != '.' && (a[i] < '0' || a[i] > '9')) {
                return false; // an offset, BC: the general parser's
            }
        }
        return true;
    }

    /** timestamptz, timestamp (as UTC), date (midnight UTC): microseconds since 1970-01-01 UTC. */
    static long epochMicros(TupleData t, int index, int oid) {
        if (oid != BuiltinTypes.TIMESTAMPTZ && oid != BuiltinTypes.TIMESTAMP && oid != BuiltinTypes.DATE) {
            throw TextScan.NOT_FAST;
        }
        byte[] a = t.array();
        int p = t.position(index);
        int kind = a[p];
        if (kind == 't') {
            return TextScan.parseEpochMicros(a, p + 5, PayloadReader.readInt(a, p + 1));
        }
        if (kind != 'b') {
            throw TextScan.NOT_FAST;
        }
        int off = p + 5;
        int len = PayloadReader.readInt(a, p + 1);
        if (oid == BuiltinTypes.DATE) {
            expect(len, 4);
            int days = be32(a, off);
            if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                return days == Integer.MAX_VALUE ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
            return days * 86_400_000_000L + TextScan.PG_EPOCH_MICROS;
        }
        expect(len, 8);
        long pg = be64(a, off);
        if (pg == Long.MAX_VALUE || pg == Long.MIN_VALUE) {
            return pg;
        }
        if (pg > Long.MAX_VALUE - TextScan.PG_EPOCH_MICROS) {
            throw TextScan.NOT_FAST; // after 294247 AD: the general path reports it out of range
        }
        return pg + TextScan.PG_EPOCH_MICROS;
    }

    private static void expect(int len, int wanted) {
        if (len != wanted) {
            throw TextScan.NOT_FAST; // malformed: the general path reports it
        }
    }

    private static int length(byte[] a, int dataOffset) {
        return be32(a, dataOffset - 4);
    }

    private static int be16(byte[] a, int o) {
        return ((a[o] & 0xff) << 8) | (a[o + 1] & 0xff);
    }

    private static int be32(byte[] a, int o) {
        return (a[o] << 24) | ((a[o + 1] & 0xff) << 16) | ((a[o + 2] & 0xff) << 8) | (a[o + 3] & 0xff);
    }

    private static long be64(byte[] a, int o) {
        return ((long) be32(a, o) << 32) | (be32(a, o + 4) & 0xFFFF_FFFFL);
    }
}
