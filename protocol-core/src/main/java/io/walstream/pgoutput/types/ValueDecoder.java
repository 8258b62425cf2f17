package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Collection;
import java.util.List;

/**
 * Converts pgoutput column values ({@link ValueSource}) to Java values, for both wire formats: text (the
 * type's output function, {@code binary = false}) and binary (its send function, {@code binary = true}).
 *
 * <p><b>Text values</b> are parsed by their content, whatever the column type, so a domain or user type whose
 * text looks like an integer can be read with {@link #toInt}. Date/time text is expected in
 * {@code DateStyle ISO} and intervals in {@code IntervalStyle postgres} (or {@code postgres_verbose}):
 * walstream's connections ask for those, with {@code TimeZone=UTC}, {@code extra_float_digits=1},
 * {@code lc_monetary=C} and {@code bytea_output=hex}, unless the {@code options} connection parameter sets them. <b>Binary values</b> are decoded by
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
 * <p>Each conversion lives with its type family ({@code NumberValues}, {@code TemporalValues},
 * {@code ObjectValues}, over one OID-keyed codec table, {@code TypeCodecs}); this class is their public face.
 *
 * <p><b>Thread safety:</b> stateless; all methods are safe to call from any thread.
 */
public final class ValueDecoder {

    private ValueDecoder() {
    }

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
    public static <T> T to(ValueSource value, Class<T> type) {
        return ObjectValues.to(value, type);
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
        return ObjectValues.toObject(value);
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
        return ObjectValues.toArray(value);
    }

    /**
     * @param value a composite value (text {@code (1,"a b")}, or binary {@code record_send})
     * @return its fields as text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a composite
     */
    public static PgRecord toRecord(ValueSource value) {
        return ObjectValues.toRecord(value);
    }

    /**
     * @param value a bool value (text {@code t}/{@code f}, also {@code true}/{@code false}; binary one byte)
     * @return the boolean
     * @throws ValueConversionException if NULL, not sent or not a boolean
     */
    public static boolean toBoolean(ValueSource value) {
        return NumberValues.toBoolean(value);
    }

    /**
     * @param value an integer value (int2, or a wider integer type within range)
     * @return the short
     * @throws ValueConversionException if NULL, not sent, not an integer or out of range
     */
    public static short toShort(ValueSource value) {
        return NumberValues.toShort(value);
    }

    /**
     * @param value an integer value (int2, int4, or int8/oid within range)
     * @return the int
     * @throws ValueConversionException if NULL, not sent, not an integer or out of range
     */
    public static int toInt(ValueSource value) {
        return NumberValues.toInt(value);
    }

    /**
     * @param value an integer value (int2, int4, int8 or oid)
     * @return the long
     * @throws ValueConversionException if NULL, not sent or not an integer
     */
    public static long toLong(ValueSource value) {
        return NumberValues.toLong(value);
    }

    /**
     * @param value an oid value (unsigned 32-bit)
     * @return the OID as a non-negative long
     * @throws ValueConversionException if NULL, not sent or not an unsigned 32-bit integer
     */
    public static long toOid(ValueSource value) {
        return NumberValues.toOid(value);
    }

    /**
     * @param value a float4 value (or another numeric type, rounded); text {@code NaN}, {@code Infinity} and
     *        {@code -Infinity} are understood
     * @return the float
     * @throws ValueConversionException if NULL, not sent or not a number
     */
    public static float toFloat(ValueSource value) {
        return NumberValues.toFloat(value);
    }

    /**
     * @param value a float8 value (or another numeric type); text {@code NaN}, {@code Infinity} and
     *        {@code -Infinity} are understood
     * @return the double
     * @throws ValueConversionException if NULL, not sent or not a number
     */
    public static double toDouble(ValueSource value) {
        return NumberValues.toDouble(value);
    }

    /**
     * @param value a numeric value (or an integer or float type)
     * @return the numeric, including {@code NaN} and the infinities, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a number
     */
    public static PgNumeric toNumeric(ValueSource value) {
        return NumberValues.toNumeric(value);
    }

    /**
     * @param value a finite numeric value (or an integer or finite float type)
     * @return the decimal, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent, not a number, or {@code NaN}/infinite (use
     *         {@link #toNumeric})
     */
    public static BigDecimal toBigDecimal(ValueSource value) {
        return NumberValues.toBigDecimal(value);
    }

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
        return ObjectValues.toText(value);
    }

    /**
     * @param value a bytea value: text in hex ({@code \x0aff}) or escape format, or binary raw bytes (for a
     *        binary value of another type, its raw send format)
     * @return a fresh array, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or malformed
     */
    public static byte[] toBytes(ValueSource value) {
        return ObjectValues.toBytes(value);
    }

    /**
     * @param value a json or jsonb value (binary jsonb's leading version byte 1 is checked and stripped)
     * @return the JSON text, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not JSON-like
     */
    public static String toJson(ValueSource value) {
        return ObjectValues.toJson(value);
    }

    /**
     * @param value a uuid value (text {@code 8-4-4-4-12} hex, binary 16 bytes)
     * @return the UUID, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a UUID
     */
    public static java.util.UUID toUuid(ValueSource value) {
        return ObjectValues.toUuid(value);
    }

    /**
     * @param value a date value (binary: int32 days since 2000-01-01)
     * @return the date; {@code infinity}/{@code -infinity} as {@link LocalDate#MAX}/{@link LocalDate#MIN};
     *         {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a date
     */
    public static LocalDate toLocalDate(ValueSource value) {
        return TemporalValues.toLocalDate(value);
    }

    /**
     * @param value a time value (binary: int64 microseconds since midnight)
     * @return the time; {@code 24:00:00} as {@link LocalTime#MAX}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a time
     */
    public static LocalTime toLocalTime(ValueSource value) {
        return TemporalValues.toLocalTime(value);
    }

    /**
     * @param value a timetz value (binary: int64 microseconds since midnight, int32 zone seconds west of UTC)
     * @return the time with offset; {@code 24:00:00} as {@link LocalTime#MAX}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a time with time zone
     */
    public static OffsetTime toOffsetTime(ValueSource value) {
        return TemporalValues.toOffsetTime(value);
    }

    /**
     * @param value a timestamp (without time zone) value (binary: int64 microseconds since 2000-01-01 00:00)
     * @return the date-time; {@code infinity}/{@code -infinity} as {@link LocalDateTime#MAX}/
     *         {@link LocalDateTime#MIN}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp (a text value with an offset is refused)
     */
    public static LocalDateTime toLocalDateTime(ValueSource value) {
        return TemporalValues.toLocalDateTime(value);
    }

    /**
     * @param value a timestamptz value (text with the session's offset, binary int64 microseconds since
     *        2000-01-01 00:00 UTC, returned at offset UTC)
     * @return the date-time; {@code infinity}/{@code -infinity} as {@link OffsetDateTime#MAX}/
     *         {@link OffsetDateTime#MIN}; {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp with time zone
     */
    public static OffsetDateTime toOffsetDateTime(ValueSource value) {
        return TemporalValues.toOffsetDateTime(value);
    }

    /**
     * @param value a timestamptz value
     * @return the instant; {@code infinity}/{@code -infinity} as {@link Instant#MAX}/{@link Instant#MIN};
     *         {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not a timestamp with time zone
     */
    public static Instant toInstant(ValueSource value) {
        return TemporalValues.toInstant(value);
    }

    /**
     * @param value a timestamptz, timestamp (read as UTC) or date (midnight UTC) value
     * @return microseconds since 1970-01-01 00:00 UTC; {@code infinity}/{@code -infinity} as
     *         {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE}
     * @throws ValueConversionException if NULL, not sent, or of another type
     */
    public static long toEpochMicros(ValueSource value) {
        return TemporalValues.toEpochMicros(value);
    }

    /**
     * @param value an interval value (text in {@code IntervalStyle postgres} or {@code postgres_verbose};
     *        binary int64 microseconds, int32 days, int32 months)
     * @return the interval, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not an interval
     */
    public static PgInterval toInterval(ValueSource value) {
        return TemporalValues.toInterval(value);
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
        return TemporalValues.isInfinity(value);
    }

    /**
     * @param value an inet or cidr value (text {@code 192.168.0.1/24}, {@code ::1}; binary family, bits,
     *        is_cidr, length, address bytes)
     * @return the address with prefix, or {@code null} for SQL NULL
     * @throws ValueConversionException if not sent or not an IP address
     */
    public static PgInet toInet(ValueSource value) {
        return ObjectValues.toInet(value);
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
        return ObjectValues.toList(value, elementType);
    }

}
