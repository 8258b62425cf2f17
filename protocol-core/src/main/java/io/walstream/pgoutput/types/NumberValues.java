package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.BuiltinTypes.BOOL;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT4;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT8;
import static io.walstream.pgoutput.types.BuiltinTypes.INT2;
import static io.walstream.pgoutput.types.BuiltinTypes.INT4;
import static io.walstream.pgoutput.types.BuiltinTypes.INT8;
import static io.walstream.pgoutput.types.BuiltinTypes.NUMERIC;
import static io.walstream.pgoutput.types.BuiltinTypes.OID;
import static io.walstream.pgoutput.types.Values.absent;
import static io.walstream.pgoutput.types.Values.buffer;
import static io.walstream.pgoutput.types.Values.fail;
import static io.walstream.pgoutput.types.Values.fixed;
import static io.walstream.pgoutput.types.Values.requireType;
import static io.walstream.pgoutput.types.Values.text;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@link ValueDecoder}'s boolean and number conversions ({@code bool}, {@code int2}/{@code int4}/{@code int8},
 * {@code oid}, {@code float4}/{@code float8}, {@code numeric}), across the number types of either format.
 * Stateless.
 */
final class NumberValues {

    private NumberValues() {
    }

    static boolean toBoolean(ValueSource value) {
        absent(value, boolean.class, true);
        if (value.isBinary()) {
            requireType(value, boolean.class, BOOL);
            return fixed(value, boolean.class, 1).get() != 0;
        }
        switch (text(value).trim().toLowerCase(Locale.ROOT)) {
            case "t": case "true": case "y": case "yes": case "on": case "1":
                return true;
            case "f": case "false": case "n": case "no": case "off": case "0":
                return false;
            default:
                throw fail(value, boolean.class, "not a boolean", null);
        }
    }

    static short toShort(ValueSource value) {
        long v = integral(value, short.class);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw fail(value, short.class, "out of range", null);
        }
        return (short) v;
    }

    static int toInt(ValueSource value) {
        long v = integral(value, int.class);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(value, int.class, "out of range", null);
        }
        return (int) v;
    }

    static long toLong(ValueSource value) {
        return integral(value, long.class);
    }

    static long toOid(ValueSource value) {
        long v = integral(value, long.class);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw fail(value, long.class, "out of range for an oid", null);
        }
        return v;
    }

    static float toFloat(ValueSource value) {
        absent(value, float.class, true);
        if (value.isBinary()) {
            if (value.formatOid() == FLOAT4) {
                return fixed(value, float.class, 4).getFloat();
            }
            return (float) floating(value, float.class);
        }
        try {
            return Float.parseFloat(number(value, float.class));
        } catch (NumberFormatException e) {
            throw fail(value, float.class, "not a number", e);
        }
    }

    static double toDouble(ValueSource value) {
        absent(value, double.class, true);
        return floating(value, double.class);
    }

    static PgNumeric toNumeric(ValueSource value) {
        return absent(value, PgNumeric.class, false) ? null : numeric(value, PgNumeric.class);
    }

    static BigDecimal toBigDecimal(ValueSource value) {
        if (absent(value, BigDecimal.class, false)) {
            return null;
        }
        PgNumeric n = numeric(value, BigDecimal.class);
        if (!n.isFinite()) {
            throw fail(value, BigDecimal.class, n + " has no BigDecimal form; use ValueDecoder.toNumeric", null);
        }
        return n.bigDecimalValue();
    }

    static long integral(ValueSource value, Class<?> target) {
        absent(value, target, true);
        if (value.isBinary()) {
            switch (value.formatOid()) {
                case INT2:
                    return fixed(value, target, 2).getShort();
                case INT4:
                    return fixed(value, target, 4).getInt();
                case INT8:
                    return fixed(value, target, 8).getLong();
                case OID:
                    return fixed(value, target, 4).getInt() & 0xFFFF_FFFFL;
                default:
                    throw fail(value, target, "binary " + value.typeName() + " is not an integer type", null);
            }
        }
        try {
            String t = number(value, target);
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw fail(value, target, "not an integer", e);
        }
    }

    static double floating(ValueSource value, Class<?> target) {
        if (value.isBinary()) {
            switch (value.formatOid()) {
                case FLOAT4:
                    return fixed(value, target, 4).getFloat();
                case FLOAT8:
                    return fixed(value, target, 8).getDouble();
                case NUMERIC:
                    return numeric(value, target).doubleValue();
                case INT2: case INT4: case INT8: case OID:
                    return integral(value, target);
                default:
                    throw fail(value, target, "binary " + value.typeName() + " is not a number type", null);
            }
        }
        try {
            return Double.parseDouble(number(value, target));
        } catch (NumberFormatException e) {
            throw fail(value, target, "not a number", e);
        }
    }

    static PgNumeric numeric(ValueSource value, Class<?> target) {
        if (value.isBinary()) {
            switch (value.formatOid()) {
                case NUMERIC:
                    try {
                        return NumericBinary.decode(buffer(value));
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw fail(value, target, "malformed binary numeric: " + e.getMessage(), e);
                    }
                case INT2: case INT4: case INT8: case OID:
                    return PgNumeric.of(BigDecimal.valueOf(integral(value, target)));
                case FLOAT4: case FLOAT8:
                    double d = floating(value, target);
                    if (Double.isNaN(d)) {
                        return PgNumeric.NAN;
                    }
                    if (Double.isInfinite(d)) {
                        return d > 0 ? PgNumeric.POSITIVE_INFINITY : PgNumeric.NEGATIVE_INFINITY;
                    }
                    return PgNumeric.of(value.formatOid() == FLOAT4 ? new BigDecimal(Float.toString((float) d))
                            : BigDecimal.valueOf(d));
                default:
                    throw fail(value, target, "binary " + value.typeName() + " is not a number type", null);
            }
        }
        try {
            return PgNumeric.parse(number(value, target));
        } catch (NumberFormatException e) {
            throw fail(value, target, "not a number", e);
        }
    }

    /** Text of a number, rejecting Java-only syntax such as hex floats and type suffixes. */
    static String number(ValueSource value, Class<?> target) {
        String t = text(value).trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan":
                return "NaN";
            case "infinity": case "+infinity": case "inf": case "+inf":
                return "Infinity";
            case "-infinity": case "-inf":
                return "-Infinity";
            default:
                break;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = Character.toLowerCase(t.charAt(i));
            if (c == 'x' || c == 'p' || c == 'd' || c == 'f' || c == 'l') {
                throw fail(value, target, "not a number", null);
            }
        }
        return t;
    }
}
