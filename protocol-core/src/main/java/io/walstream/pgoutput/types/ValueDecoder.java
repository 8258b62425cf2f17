package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.BuiltinTypes.BOOL;
import static io.walstream.pgoutput.types.BuiltinTypes.CIDR;
import static io.walstream.pgoutput.types.BuiltinTypes.DATE;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT4;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT8;
import static io.walstream.pgoutput.types.BuiltinTypes.INET;
import static io.walstream.pgoutput.types.BuiltinTypes.INT2;
import static io.walstream.pgoutput.types.BuiltinTypes.INT4;
import static io.walstream.pgoutput.types.BuiltinTypes.INT8;
import static io.walstream.pgoutput.types.BuiltinTypes.INTERVAL;
import static io.walstream.pgoutput.types.BuiltinTypes.JSON;
import static io.walstream.pgoutput.types.BuiltinTypes.JSONB;
import static io.walstream.pgoutput.types.BuiltinTypes.NUMERIC;
import static io.walstream.pgoutput.types.BuiltinTypes.OID;
import static io.walstream.pgoutput.types.BuiltinTypes.TIME;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMESTAMP;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMESTAMPTZ;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMETZ;
import static io.walstream.pgoutput.types.BuiltinTypes.UUID;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Converts pgoutput column values ({@link ValueSource}) to Java values, for both wire formats: text (the
 * type's output function, {@code binary = false}) and binary (its send function, {@code binary = true}).
 *
 * <p><b>Text values</b> are parsed by their content, whatever the column type, so a domain or user type whose
 * text looks like an integer can be read with {@link #toInt}. Date/time text is expected in
 * {@code DateStyle ISO} (the server default, which walstream does not change) and intervals in
 * {@code IntervalStyle postgres} (or {@code postgres_verbose}). <b>Binary values</b> are decoded by
 * {@link ValueSource#formatOid()}, so only built-in types (see {@link BuiltinTypes}) are understood, and domains
 * over them: a domain arrives with its own OID, but the server's Type message for it names the built-in base
 * type, whose send format its values have. Other types decode in binary only as bytes, or as text when their
 * send format is text (enums).
 *
 * <p><b>NULL and unchanged TOAST.</b> Methods returning a primitive throw {@link ValueConversionException} for
 * SQL NULL; methods returning an object return {@code null}. An unchanged TOASTed value was not sent at all:
 * every method throws {@link ValueConversionException} for it, never returning {@code null}.
 *
 * <p><b>Infinity.</b> {@code infinity} and {@code -infinity} dates and timestamps map to the extreme Java
 * values: {@link LocalDate#MAX}/{@link LocalDate#MIN}, {@link LocalDateTime#MAX}/{@link LocalDateTime#MIN},
 * {@link OffsetDateTime#MAX}/{@link OffsetDateTime#MIN} and {@link Instant#MAX}/{@link Instant#MIN}; test with
 * {@link #isInfinity(ValueSource)}. The time {@code 24:00:00} maps to {@link LocalTime#MAX}.
 *
 * <p>Every failure is a {@link ValueConversionException} naming the column, its type, the value's kind and the
 * requested Java type.
 *
 * <p><b>Thread safety:</b> stateless; all methods are safe to call from any thread.
 */
public final class ValueDecoder {

    private static final String NOT_SENT = "the value was not sent: it is an unchanged TOASTed value, which "
            + "pgoutput omits unless it changed (it is not NULL)";
    private static final long PG_EPOCH_DAY = 10_957L; // 2000-01-01
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;

    private ValueDecoder() {
    }

    // ---------------------------------------------------------------- generic dispatch

    /**
     * Converts to the requested type. Supported targets: {@code String} (any text value, and binary text-like
     * types as in {@link #toText}), {@code boolean}, {@code short}, {@code int}, {@code long}, {@code float},
     * {@code double} and {@code char} with their boxes, {@link BigDecimal}, {@link PgNumeric}, {@code byte[]},
     * {@link java.util.UUID}, {@link LocalDate}, {@link LocalTime}, {@link OffsetTime}, {@link LocalDateTime},
     * {@link OffsetDateTime}, {@link Instant}, {@link PgInterval}, {@link PgInet}, {@link InetAddress},
     * {@link List} (and {@code Collection}, {@code Iterable}: elements as {@link #toObject}), Java enums (by
     * constant name, exact then case-insensitive) and {@code Object} ({@link #toObject}).
     *
     * @param <T> the target type
     * @param value the column value
     * @param type the target class; primitive classes are allowed and return their box
     * @return the value, or {@code null} for SQL NULL and a non-primitive target
     * @throws ValueConversionException if the value is NULL and the target primitive, the value was not sent
     *         (unchanged TOAST), the target is unsupported or the value cannot be converted
     */
    @SuppressWarnings("unchecked")
    public static <T> T to(ValueSource value, Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (absent(value, type, type.isPrimitive())) {
            return null;
        }
        Object r;
        if (type == String.class) {
            r = toText(value);
        } else if (type == Object.class) {
            r = toObject(value);
        } else if (type == Boolean.class || type == boolean.class) {
            r = toBoolean(value);
        } else if (type == Short.class || type == short.class) {
            r = toShort(value);
        } else if (type == Integer.class || type == int.class) {
            r = toInt(value);
        } else if (type == Long.class || type == long.class) {
            r = toLong(value);
        } else if (type == Float.class || type == float.class) {
            r = toFloat(value);
        } else if (type == Double.class || type == double.class) {
            r = toDouble(value);
        } else if (type == Character.class || type == char.class) {
            r = toChar(value, type);
        } else if (type == BigDecimal.class) {
            r = toBigDecimal(value);
        } else if (type == PgNumeric.class) {
            r = toNumeric(value);
        } else if (type == byte[].class) {
            r = toBytes(value);
        } else if (type == java.util.UUID.class) {
            r = toUuid(value);
        } else if (type == LocalDate.class) {
            r = toLocalDate(value);
        } else if (type == LocalTime.class) {
            r = toLocalTime(value);
        } else if (type == OffsetTime.class) {
            r = toOffsetTime(value);
        } else if (type == LocalDateTime.class) {
            r = toLocalDateTime(value);
        } else if (type == OffsetDateTime.class) {
            r = toOffsetDateTime(value);
        } else if (type == Instant.class) {
            r = toInstant(value);
        } else if (type == PgInterval.class) {
            r = toInterval(value);
        } else if (type == PgInet.class) {
            r = toInet(value);
        } else if (type == InetAddress.class) {
            r = toInet(value).address();
        } else if (type == List.class || type == Collection.class || type == Iterable.class) {
            r = toList(value, Object.class);
        } else if (type.isEnum()) {
            r = toEnum(value, type);
        } else if (type == PgRecord.class) {
            r = toRecord(value);
        } else {
            r = toObject(value);
            if (!type.isInstance(r)) {
                throw fail(value, type, "unsupported target type for " + value.typeName() + " (its Java value is "
                        + (r == null ? "null" : r.getClass().getSimpleName()) + ")", null);
            }
        }
        return type.isPrimitive() ? (T) r : type.cast(r);
    }

    /**
     * Converts to the natural Java type of the column's type, the same in text and binary format:
     *
     * <pre>
     * bool                                  Boolean
     * int2 / int4 / int8                    Short / Integer / Long
     * oid, xid, cid (unsigned 32-bit)       Long
     * xid8 (unsigned 64-bit)                Long
     * float4 / float8                       Float / Double (NaN, infinities, -0.0)
     * numeric                               {@link PgNumeric} (NaN, infinities)
     * money                                 BigDecimal, scale 2
     * text, varchar, bpchar, name, "char",
     *   refcursor, json, jsonb, jsonpath,
     *   xml, aclitem                        String
     * bytea                                 byte[]
     * uuid                                  UUID
     * date                                  LocalDate (infinity: LocalDate.MAX / MIN)
     * time / timetz                         LocalTime / OffsetTime (24:00:00: LocalTime.MAX)
     * timestamp                             LocalDateTime (infinity: MAX / MIN)
     * timestamptz                           OffsetDateTime at offset UTC (infinity: MAX / MIN)
     * interval                              {@link PgInterval}
     * inet, cidr                            {@link PgInet}
     * macaddr, macaddr8                     {@link PgMacaddr}
     * bit, varbit                           {@link PgBitString}
     * point, line, lseg, box, path,
     *   polygon, circle                     {@link PgGeometry} (one record per type)
     * tsvector / tsquery                    {@link PgTsVector} / {@link PgTsQuery}
     * pg_lsn                                {@link io.walstream.Lsn}
     * tid                                   {@link PgTid}
     * pg_snapshot, txid_snapshot            {@link PgSnapshot}
     * int2vector / oidvector                List&lt;Short&gt; / List&lt;Long&gt;
     * built-in ranges / multiranges         {@link PgRange} / {@link PgMultirange} of the element's type
     * arrays of any of these                {@link PgArray} (a List; nested for more dimensions)
     * regclass, regtype, other reg* types   text: String (the name); binary: Long (the OID)
     * domains                               as their built-in base type
     * other types (enums, composites,
     *   user ranges, extensions)            String: the type's text; arrays of them: PgArray of String
     * </pre>
     *
     * <p>A composite is a {@code String} here because pgoutput does not say a type is composite; read it with
     * {@link #toRecord}. A binary value of an unknown type is read as text if its send format is text (enums)
     * or a composite ({@code record_send}); if not, this returns its raw bytes ({@code byte[]}) and
     * {@link #toText} throws. The reg* types are the one built-in family whose two formats cannot give the
     * same value without the catalog.
     *
     * @param value the column value
     * @return the value, or {@code null} for SQL NULL
     * @throws ValueConversionException if the value was not sent (unchanged TOAST) or is malformed
     */
    public static Object toObject(ValueSource value) {
        if (absent(value, Object.class, false)) {
            return null;
        }
        TypeCodec codec = codecOf(value);
        try {
            if (codec != null) {
                return decode(codec, value);
            }
            if (!value.isBinary()) {
                return text(value);
            }
            String t = UnknownTypes.textLike(buffer(value));
            if (t != null) {
                return t;
            }
            PgRecord r = UnknownTypes.record(buffer(value));
            return r != null ? r.toString() : toBytes(value);
        } catch (ValueConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(value, Object.class, e);
        }
    }

    /**
     * The value as PostgreSQL prints it: the text as sent for a text value, and for a binary value its Java
     * value printed as the type's output function would print it (under {@code DateStyle=ISO},
     * {@code IntervalStyle=postgres}, default {@code extra_float_digits}, {@code TimeZone=UTC},
     * {@code lc_monetary=C} and {@code bytea_output=hex}), so that a binary stream reads like a text stream.
     * Same as {@link #toText}. A text stream prints timestamptz in the walsender session's {@code TimeZone} and
     * money in its {@code lc_monetary}: with other settings than these, the text of those two types differs
     * between the formats (their {@link #toObject} values do not).
     *
     * @param value the column value
     * @return the text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent, malformed, or a binary value of a type whose send format
     *         the library does not know (see {@link #toObject})
     */
    public static String toCanonicalText(ValueSource value) {
        return toText(value);
    }

    /**
     * @param value an array value of any type, any number of dimensions and lower bounds
     * @return the array, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not an array
     */
    public static PgArray toArray(ValueSource value) {
        Object o = toObject(value);
        if (o == null || o instanceof PgArray) {
            return (PgArray) o;
        }
        throw fail(value, PgArray.class, "not an array type", null);
    }

    /**
     * @param value a composite value (text {@code (1,"a b")}, or binary {@code record_send})
     * @return its fields as text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a composite
     */
    public static PgRecord toRecord(ValueSource value) {
        if (absent(value, PgRecord.class, false)) {
            return null;
        }
        try {
            if (value.isBinary()) {
                PgRecord r = UnknownTypes.record(buffer(value));
                if (r == null) {
                    throw fail(value, PgRecord.class, "not a binary composite (record_send) value", null);
                }
                return r;
            }
            return PgRecord.parse(text(value));
        } catch (IllegalArgumentException e) {
            throw fail(value, PgRecord.class, "not a composite: " + e.getMessage(), e);
        }
    }

    private static TypeCodec codecOf(ValueSource value) {
        TypeCodec codec = TypeCodecs.forOid(value.formatOid());
        if (codec != null) {
            return codec;
        }
        String name = value.typeName();
        int dot = name == null ? -1 : name.lastIndexOf('.');
        if (name != null && name.startsWith("_", dot + 1)) {
            return TypeCodecs.UNKNOWN_ARRAY;
        }
        return null;
    }

    private static Object decode(TypeCodec codec, ValueSource value) {
        return value.isBinary() ? codec.binaryExact(buffer(value)) : codec.text(text(value));
    }

    private static ValueConversionException malformed(ValueSource value, Class<?> target, RuntimeException e) {
        return fail(value, target, "malformed " + (value.isBinary() ? "binary " : "text ") + value.typeName()
                + (e.getMessage() != null ? ": " + e.getMessage() : " (" + e.getClass().getSimpleName() + ")"), e);
    }

    // ---------------------------------------------------------------- booleans and numbers

    /**
     * @param value a bool value (text {@code t}/{@code f}, also {@code true}/{@code false}; binary one byte)
     * @return the boolean
     * @throws ValueConversionException if NULL, not sent or not a boolean
     */
    public static boolean toBoolean(ValueSource value) {
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

    /**
     * @param value an integer value (int2, or a wider integer type within range)
     * @return the short
     * @throws ValueConversionException if NULL, not sent, not an integer or out of range
     */
    public static short toShort(ValueSource value) {
        long v = integral(value, short.class);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw fail(value, short.class, "out of range", null);
        }
        return (short) v;
    }

    /**
     * @param value an integer value (int2, int4, or int8/oid within range)
     * @return the int
     * @throws ValueConversionException if NULL, not sent, not an integer or out of range
     */
    public static int toInt(ValueSource value) {
        long v = integral(value, int.class);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(value, int.class, "out of range", null);
        }
        return (int) v;
    }

    /**
     * @param value an integer value (int2, int4, int8 or oid)
     * @return the long
     * @throws ValueConversionException if NULL, not sent or not an integer
     */
    public static long toLong(ValueSource value) {
        return integral(value, long.class);
    }

    /**
     * @param value an oid value (unsigned 32-bit)
     * @return the OID as a non-negative long
     * @throws ValueConversionException if NULL, not sent or not an unsigned 32-bit integer
     */
    public static long toOid(ValueSource value) {
        long v = integral(value, long.class);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw fail(value, long.class, "out of range for an oid", null);
        }
        return v;
    }

    /**
     * @param value a float4 value (or another numeric type, rounded); text {@code NaN}, {@code Infinity} and
     *        {@code -Infinity} are understood
     * @return the float
     * @throws ValueConversionException if NULL, not sent or not a number
     */
    public static float toFloat(ValueSource value) {
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

    /**
     * @param value a float8 value (or another numeric type); text {@code NaN}, {@code Infinity} and
     *        {@code -Infinity} are understood
     * @return the double
     * @throws ValueConversionException if NULL, not sent or not a number
     */
    public static double toDouble(ValueSource value) {
        absent(value, double.class, true);
        return floating(value, double.class);
    }

    /**
     * @param value a numeric value (or an integer or float type)
     * @return the numeric, including {@code NaN} and the infinities, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a number
     */
    public static PgNumeric toNumeric(ValueSource value) {
        return absent(value, PgNumeric.class, false) ? null : numeric(value, PgNumeric.class);
    }

    /**
     * @param value a finite numeric value (or an integer or finite float type)
     * @return the decimal, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent, not a number, or {@code NaN}/infinite (use
     *         {@link #toNumeric})
     */
    public static BigDecimal toBigDecimal(ValueSource value) {
        if (absent(value, BigDecimal.class, false)) {
            return null;
        }
        PgNumeric n = numeric(value, BigDecimal.class);
        if (!n.isFinite()) {
            throw fail(value, BigDecimal.class, n + " has no BigDecimal form; use ValueDecoder.toNumeric", null);
        }
        return n.bigDecimalValue();
    }

    // ---------------------------------------------------------------- text and bytes

    /**
     * The value as a string, as PostgreSQL prints it, in both formats. Text values are returned as sent,
     * whatever their type. Binary values of built-in types (and domains over them) are printed as the type's
     * output function would ({@link #toCanonicalText} lists the settings assumed); binary values of other types
     * are their text when their send format is text (enums) or a composite.
     *
     * @param value the column value
     * @return the text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent, malformed, or a binary value of a type whose send format
     *         the library does not know (an extension type): stream with {@code binary = false} for those
     */
    public static String toText(ValueSource value) {
        if (absent(value, String.class, false)) {
            return null;
        }
        if (!value.isBinary()) {
            return text(value);
        }
        TypeCodec codec = codecOf(value);
        try {
            if (codec != null) {
                return codec.format(codec.binaryExact(buffer(value)));
            }
            return UnknownTypes.binaryText(buffer(value), value.typeOid());
        } catch (RuntimeException e) {
            throw malformed(value, String.class, e);
        }
    }

    /**
     * @param value a bytea value: text in hex ({@code \x0aff}) or escape format, or binary raw bytes (for a
     *        binary value of another type, its raw send format)
     * @return a fresh array, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or malformed
     */
    public static byte[] toBytes(ValueSource value) {
        if (absent(value, byte[].class, false)) {
            return null;
        }
        if (value.isBinary()) {
            return bytes(value);
        }
        try {
            return Bytea.decodeText(bytes(value));
        } catch (IllegalArgumentException e) {
            throw fail(value, byte[].class, e.getMessage(), e);
        }
    }

    /**
     * @param value a json or jsonb value (binary jsonb's leading version byte 1 is checked and stripped)
     * @return the JSON text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not JSON-like
     */
    public static String toJson(ValueSource value) {
        if (absent(value, String.class, false)) {
            return null;
        }
        if (value.isBinary() && value.formatOid() == JSONB) {
            return jsonb(value, String.class);
        }
        return toText(value);
    }

    /**
     * @param value a uuid value (text {@code 8-4-4-4-12} hex, binary 16 bytes)
     * @return the UUID, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a UUID
     */
    public static java.util.UUID toUuid(ValueSource value) {
        return typed(value, java.util.UUID.class, TextTypes::parseUuid, "not a UUID", UUID);
    }

    // ---------------------------------------------------------------- date and time

    /**
     * @param value a date value (binary: int32 days since 2000-01-01)
     * @return the date; {@code infinity}/{@code -infinity} as {@link LocalDate#MAX}/{@link LocalDate#MIN};
     *         {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a date
     */
    public static LocalDate toLocalDate(ValueSource value) {
        return typed(value, LocalDate.class, DateTimeTypes::parseDate, "not an ISO date", DATE);
    }

    /**
     * @param value a time value (binary: int64 microseconds since midnight)
     * @return the time; {@code 24:00:00} as {@link LocalTime#MAX}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a time
     */
    public static LocalTime toLocalTime(ValueSource value) {
        return typed(value, LocalTime.class, t -> TemporalText.localTime(TemporalText.parseTimeNanos(t)), "not a time",
                TIME);
    }

    /**
     * @param value a timetz value (binary: int64 microseconds since midnight, int32 zone seconds west of UTC)
     * @return the time with offset; {@code 24:00:00} as {@link LocalTime#MAX}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a time with time zone
     */
    public static OffsetTime toOffsetTime(ValueSource value) {
        return typed(value, OffsetTime.class, TemporalText::parseTimetz, "not a time with time zone", TIMETZ);
    }

    /**
     * @param value a timestamp (without time zone) value (binary: int64 microseconds since 2000-01-01 00:00)
     * @return the date-time; {@code infinity}/{@code -infinity} as {@link LocalDateTime#MAX}/
     *         {@link LocalDateTime#MIN}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp (a text value with an offset is refused)
     */
    public static LocalDateTime toLocalDateTime(ValueSource value) {
        return typed(value, LocalDateTime.class, DateTimeTypes::parseTimestamp, "not an ISO timestamp", TIMESTAMP);
    }

    /**
     * @param value a timestamptz value (text with the session's offset, binary int64 microseconds since
     *        2000-01-01 00:00 UTC, returned at offset UTC)
     * @return the date-time; {@code infinity}/{@code -infinity} as {@link OffsetDateTime#MAX}/
     *         {@link OffsetDateTime#MIN}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp with time zone
     */
    public static OffsetDateTime toOffsetDateTime(ValueSource value) {
        return typed(value, OffsetDateTime.class, t -> {
            int inf = DateTimeTypes.infinity(t);
            return inf > 0 ? OffsetDateTime.MAX : inf < 0 ? OffsetDateTime.MIN : TemporalText.parseTimestamptz(t);
        }, "not an ISO timestamp with time zone", TIMESTAMPTZ); // text keeps the offset the server printed
    }

    /**
     * @param value a timestamptz value
     * @return the instant; {@code infinity}/{@code -infinity} as {@link Instant#MAX}/{@link Instant#MIN};
     *         {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp with time zone
     */
    public static Instant toInstant(ValueSource value) {
        if (absent(value, Instant.class, false)) {
            return null;
        }
        if (value.isBinary()) {
            requireType(value, Instant.class, TIMESTAMPTZ);
            long micros = fixed(value, Instant.class, 8).getLong();
            if (micros == Long.MAX_VALUE) {
                return Instant.MAX;
            }
            if (micros == Long.MIN_VALUE) {
                return Instant.MIN;
            }
            return pgInstant(micros);
        }
        String t = text(value);
        int inf = infinity(t);
        if (inf != 0) {
            return inf > 0 ? Instant.MAX : Instant.MIN;
        }
        try {
            return TemporalText.parseTimestamptz(t).toInstant();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw fail(value, Instant.class, "not an ISO timestamp with time zone", e);
        }
    }

    /**
     * @param value a timestamptz, timestamp (read as UTC) or date (midnight UTC) value
     * @return microseconds since 1970-01-01 00:00 UTC; {@code infinity}/{@code -infinity} as
     *         {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE}
     * @throws ValueConversionException if NULL, not sent, or of another type
     */
    public static long toEpochMicros(ValueSource value) {
        absent(value, long.class, true);
        try {
            switch (value.formatOid()) {
                case TIMESTAMPTZ:
                    return micros(toInstant(value));
                case TIMESTAMP:
                    LocalDateTime t = toLocalDateTime(value);
                    return t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : t.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                            : micros(t.toInstant(ZoneOffset.UTC));
                case DATE:
                    LocalDate d = toLocalDate(value);
                    return d.equals(LocalDate.MAX) ? Long.MAX_VALUE : d.equals(LocalDate.MIN) ? Long.MIN_VALUE
                            : Math.multiplyExact(d.toEpochDay(), 86_400_000_000L);
                default:
                    throw fail(value, long.class, "epoch microseconds need a timestamptz, timestamp or date", null);
            }
        } catch (ArithmeticException e) {
            throw fail(value, long.class, "out of range for epoch microseconds", e);
        }
    }

    private static long micros(Instant i) {
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) {
            return i.equals(Instant.MAX) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /**
     * @param value an interval value (text in {@code IntervalStyle postgres} or {@code postgres_verbose};
     *        binary int64 microseconds, int32 days, int32 months)
     * @return the interval, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not an interval
     */
    public static PgInterval toInterval(ValueSource value) {
        return typed(value, PgInterval.class, IntervalText::parse, "not a postgres-style interval", INTERVAL);
    }

    /**
     * Whether the value is {@code infinity} or {@code -infinity}: a date, timestamp, timestamptz or interval
     * (PostgreSQL 17+), a numeric (PostgreSQL 14+) or a float. In text format any value reading
     * {@code infinity}/{@code -infinity} (case-insensitive) counts.
     *
     * @param value the column value
     * @return {@code true} if infinite; {@code false} for SQL NULL and finite values
     * @throws ValueConversionException if the value was not sent (unchanged TOAST)
     */
    public static boolean isInfinity(ValueSource value) {
        if (absent(value, boolean.class, false)) {
            return false;
        }
        if (!value.isBinary()) {
            return infinity(text(value)) != 0;
        }
        ByteBuffer b = buffer(value);
        switch (value.formatOid()) {
            case DATE:
                return b.remaining() == 4 && (b.getInt(0) == Integer.MAX_VALUE || b.getInt(0) == Integer.MIN_VALUE);
            case TIMESTAMP: case TIMESTAMPTZ:
                return b.remaining() == 8 && (b.getLong(0) == Long.MAX_VALUE || b.getLong(0) == Long.MIN_VALUE);
            case NUMERIC:
                return toNumeric(value).isInfinite();
            case FLOAT4: case FLOAT8:
                return Double.isInfinite(toDouble(value));
            case INTERVAL:
                return toInterval(value).isInfinite();
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- network, arrays

    /**
     * @param value an inet or cidr value (text {@code 192.168.0.1/24}, {@code ::1}; binary family, bits,
     *        is_cidr, length, address bytes)
     * @return the address with prefix, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not an IP address
     */
    public static PgInet toInet(ValueSource value) {
        return typed(value, PgInet.class, t -> PgInet.parse(t, value.formatOid() == CIDR), "not an IP address", INET,
                CIDR);
    }

    /**
     * Decodes a one-dimensional array. Text format: {@code {1,2,NULL,"a \"b\""}} (optionally prefixed with
     * bounds such as {@code [0:2]=}), element type from {@link BuiltinTypes#elementOf} (unknown array types give
     * {@code String} elements via {@code Object.class}). Binary format: ndim, has-null flag, element OID, then
     * size and lower bound, then each element as an int32 length ({@code -1} for NULL) and its binary form.
     * Each element is converted with {@link #to(ValueSource, Class)} and reported in errors as
     * {@code column[index]}.
     *
     * @param <E> the element type
     * @param value an array value
     * @param elementType the element class ({@code Object.class} for natural types); elements may be
     *        {@code null}
     * @return an unmodifiable list (empty for {@code {}}), or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent, multi-dimensional, malformed, or an element fails
     */
    public static <E> List<E> toList(ValueSource value, Class<E> elementType) {
        if (absent(value, List.class, false)) {
            return null;
        }
        return ArrayCodec.decode(value, elementType);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The skeleton of the typed getters: NULL is {@code null}, unchanged TOAST throws, a binary value must be of
     * one of {@code binaryOids} and is read by that type's codec, a text value (of any type) by {@code parser}.
     */
    private static <T> T typed(ValueSource value, Class<T> target, java.util.function.Function<String, T> parser,
            String notA, int... binaryOids) {
        if (absent(value, target, false)) {
            return null;
        }
        try {
            if (value.isBinary()) {
                requireType(value, target, binaryOids);
                return target.cast(TypeCodecs.forOid(value.formatOid()).binaryExact(buffer(value)));
            }
            return parser.apply(text(value));
        } catch (ValueConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(value, target, value.isBinary() ? "malformed binary " + value.typeName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") : notA, e);
        }
    }

    static ValueConversionException fail(ValueSource value, Class<?> target, String reason, Throwable cause) {
        return new ValueConversionException(value, target, reason, cause);
    }

    /** @return whether the value is SQL NULL (allowed); throws for unchanged TOAST, and for NULL if required */
    private static boolean absent(ValueSource value, Class<?> target, boolean required) {
        if (value.isUnchangedToast()) {
            throw fail(value, target, NOT_SENT, null);
        }
        if (value.isNull()) {
            if (required) {
                throw fail(value, target, "the value is NULL", null);
            }
            return true;
        }
        return false;
    }

    static ByteBuffer buffer(ValueSource value) {
        return value.data().slice().order(ByteOrder.BIG_ENDIAN);
    }

    static String text(ValueSource value) {
        return value.utf8Text();
    }

    private static byte[] bytes(ValueSource value) {
        ByteBuffer b = value.data().slice();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static ByteBuffer fixed(ValueSource value, Class<?> target, int length) {
        ByteBuffer b = buffer(value);
        if (b.remaining() != length) {
            throw fail(value, target, "binary " + value.typeName() + " must be " + length + " bytes", null);
        }
        return b;
    }

    private static void requireType(ValueSource value, Class<?> target, int... oids) {
        for (int oid : oids) {
            if (value.formatOid() == oid) {
                return;
            }
        }
        throw fail(value, target, "no binary decoder for " + value.typeName() + " to this type", null);
    }

    private static long integral(ValueSource value, Class<?> target) {
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

    private static double floating(ValueSource value, Class<?> target) {
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

    private static PgNumeric numeric(ValueSource value, Class<?> target) {
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
    private static String number(ValueSource value, Class<?> target) {
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

    private static char toChar(ValueSource value, Class<?> target) {
        String t = toText(value);
        if (t.length() != 1) {
            throw fail(value, target, "not a single character", null);
        }
        return t.charAt(0);
    }

    private static Object toEnum(ValueSource value, Class<?> type) {
        String t = toText(value);
        Object[] constants = type.getEnumConstants();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(t)) {
                return c;
            }
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw fail(value, type, "no such enum constant", null);
    }

    /** @return 1 for infinity, -1 for -infinity, else 0 */
    private static int infinity(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity")) {
            return 1;
        }
        return t.equalsIgnoreCase("-infinity") ? -1 : 0;
    }

    private static Instant pgInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static String jsonb(ValueSource value, Class<?> target) {
        ByteBuffer b = buffer(value);
        if (!b.hasRemaining() || b.get() != 1) {
            throw fail(value, target, "binary jsonb must start with version byte 1", null);
        }
        return StandardCharsets.UTF_8.decode(b).toString();
    }
}
