package io.walstream.pgoutput;

import io.walstream.internal.TextScan;
import io.walstream.pgoutput.types.PgArray;
import io.walstream.pgoutput.types.PgInet;
import io.walstream.pgoutput.types.PgInterval;
import io.walstream.pgoutput.types.PgNumeric;
import io.walstream.pgoutput.types.PgRange;
import io.walstream.pgoutput.types.PgRecord;
import io.walstream.pgoutput.types.ValueDecoder;
import io.walstream.pgoutput.types.ValueSource;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.UUID;

/**
 * One column of a {@link Row}: its metadata from the relation entry, how it arrived, and typed getters that
 * delegate to {@link ValueDecoder}.
 *
 * <pre>
 * kind 'n' -> isNull()             (or isPlaceholder() in a key-only row: not NULL, value not sent)
 * kind 'u' -> isUnchangedToast()   (never NULL: the value did not change and was not sent)
 * kind 't' -> text bytes           kind 'b' -> binary (send function) bytes
 * </pre>
 *
 * <p>The typed getters ({@code asInt()}, {@code asString()}, {@code as(Class)} …) are
 * {@link ValueDecoder}'s conversions of the same name ({@code toInt}, {@code toText}, {@code to} …) and follow
 * its rules for NULL and unchanged TOAST (a {@link io.walstream.pgoutput.types.ValueConversionException});
 * on a placeholder they throw {@link IllegalStateException}, since there is no value to convert.
 *
 * <p>Every getter states its Java type, the PostgreSQL types it reads, and its NULL and TOAST behaviour:
 * primitive getters throw for NULL, object getters return {@code null}; every getter throws for an unchanged
 * TOASTed value, which was not sent. The primitive getters of the matching types ({@code asLong},
 * {@code asInt}, {@code asShort}, {@code asDouble}, {@code asBoolean}, {@code asEpochMicros}) allocate nothing.
 *
 * <p><b>Thread safety:</b> immutable (the per-row {@link #asObject()} cache is filled idempotently).
 */
public final class ColumnValue implements ValueSource {
    private final Row row;
    private final int index;

    ColumnValue(Row row, int index) {
        this.row = row;
        this.index = index;
    }

    /** @return the column's index in the row */
    public int index() {
        return index;
    }

    @Override
    public String columnName() {
        return row.relation().columnNames().get(index);
    }

    @Override
    public int typeOid() {
        return row.relation().column(index).typeOid();
    }

    @Override
    public int formatOid() {
        return row.relation().formatOid(index);
    }

    @Override
    public String typeName() {
        return row.relation().typeName(index);
    }

    /** @return the type modifier, -1 if none */
    public int typmod() {
        return row.relation().column(index).typmod();
    }

    /** @return whether the column is part of the replica identity */
    public boolean isKey() {
        return row.relation().column(index).isKey();
    }

    /** @return how the column arrived on the wire */
    public ColumnKind kind() {
        return row.tuple().kind(index);
    }

    /**
     * @return whether this is a non-key column of a key-only ({@code 'K'}) old tuple: sent as {@code 'n'} but
     *         unknown, not NULL
     */
    public boolean isPlaceholder() {
        return row.isKeyOnly() && !isKey() && kind() == ColumnKind.NULL;
    }

    /** @return whether the value is SQL NULL; {@code false} for placeholders and unchanged TOAST */
    @Override
    public boolean isNull() {
        return kind() == ColumnKind.NULL && !isPlaceholder();
    }

    @Override
    public boolean isUnchangedToast() {
        return kind() == ColumnKind.UNCHANGED_TOAST;
    }

    @Override
    public boolean isBinary() {
        return kind() == ColumnKind.BINARY;
    }

    /** @return whether bytes were sent for this column ({@code 't'} or {@code 'b'}) */
    public boolean hasData() {
        return kind().hasData();
    }

    /**
     * @throws IllegalStateException for NULL, unchanged TOAST and placeholders
     */
    @Override
    public String utf8Text() {
        requireNotPlaceholder();
        // The JDK's UTF-8 decoding (an intrinsic ASCII check and a copy) was cheaper end to end, in 5 of 6
        // same-run rounds, than a hand-written ASCII check and a Latin-1 copy (RawColumn.asciiText).
        return row.utf8().check(row.tuple().text(index), row.tuple(), index, this);
    }

    @Override
    public ByteBuffer data() {
        requireNotPlaceholder();
        return row.tuple().data(index);
    }

    /** @return a copy of the value's bytes; see {@link #data()} */
    public byte[] rawBytes() {
        requireNotPlaceholder();
        return row.tuple().bytes(index);
    }

    private void requireNotPlaceholder() {
        if (isPlaceholder()) {
            throw new IllegalStateException("Column \"" + columnName() + "\" of " + row.relation().qualifiedName()
                    + " is not part of the replica identity, so the key-only old tuple did not carry its value "
                    + "(a placeholder, not NULL)");
        }
    }

    /**
     * The value as a boolean: {@code bool} ({@code t}/{@code f} in text, one byte in binary); text also
     * {@code true}/{@code yes}/{@code on}/{@code 1} and their opposites. Allocation-free for {@code bool}.
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the boolean
     */
    public boolean asBoolean() {
        requireNotPlaceholder();
        try {
            return RawColumn.bool(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toBoolean(this);
    }

    /**
     * The value as a {@code short}: {@code int2}, or a wider integer within range. Allocation-free for the
     * integer types (text read from the bytes, binary big-endian).
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the value
     */
    public short asShort() {
        requireNotPlaceholder();
        try {
            long v = RawColumn.integer(row.tuple(), index, formatOid());
            if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                return (short) v;
            }
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toShort(this);
    }

    /**
     * The value as an {@code int}: {@code int2}, {@code int4}, or {@code int8}/{@code oid} within range (domains
     * over them too; any text that is an integer). Allocation-free for the integer types.
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the value
     */
    public int asInt() {
        requireNotPlaceholder();
        try {
            long v = RawColumn.integer(row.tuple(), index, formatOid());
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toInt(this);
    }

    /**
     * The value as a {@code long}: {@code int2}, {@code int4}, {@code int8}, {@code oid} (unsigned), or any text
     * that is an integer. Allocation-free for the integer types.
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the value
     */
    public long asLong() {
        requireNotPlaceholder();
        try {
            return RawColumn.integer(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toLong(this);
    }

    /** Rethrows a real failure of a fast path; {@link TextScan#NOT_FAST} means "take the general path". */
    private static void slow(RuntimeException e) {
        if (e != TextScan.NOT_FAST) {
            throw e;
        }
    }

    /**
     * The value as microseconds since 1970-01-01 00:00 UTC, without allocating: {@code timestamptz} (its
     * instant), {@code timestamp} (read as UTC), {@code date} (its midnight, as UTC); {@code infinity} and
     * {@code -infinity} are {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}. Text in {@code DateStyle=ISO}
     * is read straight from the bytes; other spellings take the general parser. Timestamps after
     * 294247-01-10 (PostgreSQL allows up to 294276) do not fit and throw.
     *
     * @return the epoch microseconds
     * @throws io.walstream.pgoutput.types.ValueConversionException if NULL, unchanged TOAST, or not one of
     *         those types
     * @throws IllegalStateException for a placeholder
     */
    public long asEpochMicros() {
        requireNotPlaceholder();
        try {
            return RawColumn.epochMicros(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toEpochMicros(this);
    }

    /**
     * The value as a {@code float}: {@code float4}, or another number type rounded; {@code NaN} and the
     * infinities kept.
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the value
     */
    public float asFloat() {
        requireNotPlaceholder();
        return ValueDecoder.toFloat(this);
    }

    /**
     * The value as a {@code double}: {@code float8}, {@code float4}, {@code numeric} (rounded), the integer
     * types; {@code NaN}, {@code Infinity}, {@code -Infinity} and {@code -0} kept. Allocation-free for floats,
     * integers and numerics of up to 15 significant digits.
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the value
     */
    public double asDouble() {
        requireNotPlaceholder();
        try {
            return RawColumn.floating(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toDouble(this);
    }

    /**
     * The value as a {@link BigDecimal} with PostgreSQL's scale ({@code 1.50} stays {@code 1.50}):
     * {@code numeric}, the integer types, finite floats. A numeric {@code NaN} or infinity throws: use
     * {@link #asNumeric()}. One allocation (the result) for numerics of up to 18 digits in text.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the decimal, or {@code null} for SQL NULL
     */
    public BigDecimal asBigDecimal() {
        requireNotPlaceholder();
        try {
            return RawColumn.decimal(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toBigDecimal(this);
    }

    /**
     * The value as a {@link PgNumeric}: any {@code numeric} including {@code NaN}, {@code Infinity} and
     * {@code -Infinity} (PostgreSQL 14+), or another number type.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the numeric, or {@code null} for SQL NULL
     */
    public PgNumeric asNumeric() {
        requireNotPlaceholder();
        return ValueDecoder.toNumeric(this);
    }

    /**
     * The value as PostgreSQL prints it, in both formats: a text value as sent, a binary value of a built-in
     * type (or a domain over one, an enum, a composite) rendered as its output function would
     * ({@link ValueDecoder#toCanonicalText} lists the settings). A binary value of a type whose send format the
     * library does not know (an extension) throws rather than returning bytes as text.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the text, or {@code null} for SQL NULL
     */
    public String asString() {
        requireNotPlaceholder();
        String text = RawColumn.textOrNull(row.tuple(), index); // one position and kind read
        if (text != null) {
            // what toText does for a text value, without its NULL and TOAST checks
            return row.utf8().check(text, row.tuple(), index, this);
        }
        if (kind() == ColumnKind.BINARY) {
            try {
                return RawColumn.binaryText(row.tuple(), index, formatOid());
            } catch (RuntimeException e) {
                slow(e);
            }
        }
        return ValueDecoder.toText(this);
    }

    /**
     * The value as bytes: {@code bytea} decoded from its text ({@code \\x0aff} or escape format) or binary
     * form; for a binary value of another type, its send-format bytes.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return a fresh array, or {@code null} for SQL NULL
     */
    public byte[] asBytes() {
        requireNotPlaceholder();
        return ValueDecoder.toBytes(this);
    }

    /**
     * The value as a {@link UUID} ({@code uuid}).
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the UUID, or {@code null} for SQL NULL
     */
    public UUID asUuid() {
        requireNotPlaceholder();
        return ValueDecoder.toUuid(this);
    }

    /**
     * The value as a {@link LocalDate} ({@code date}; BC years as proleptic years &lt;= 0);
     * {@code infinity}/{@code -infinity} as {@link LocalDate#MAX}/{@link LocalDate#MIN}.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the date, or {@code null} for SQL NULL
     */
    public LocalDate asLocalDate() {
        requireNotPlaceholder();
        return ValueDecoder.toLocalDate(this);
    }

    /**
     * The value as a {@link LocalTime} ({@code time}); {@code 24:00:00} as {@link LocalTime#MAX}.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the time, or {@code null} for SQL NULL
     */
    public LocalTime asLocalTime() {
        requireNotPlaceholder();
        return ValueDecoder.toLocalTime(this);
    }

    /**
     * The value as an {@link OffsetTime} ({@code timetz}), with its offset as sent (to the second).
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the time, or {@code null} for SQL NULL
     */
    public OffsetTime asOffsetTime() {
        requireNotPlaceholder();
        return ValueDecoder.toOffsetTime(this);
    }

    /**
     * The value as a {@link LocalDateTime} ({@code timestamp}); infinities as {@link LocalDateTime#MAX}/
     * {@link LocalDateTime#MIN}.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the date-time, or {@code null} for SQL NULL
     */
    public LocalDateTime asLocalDateTime() {
        requireNotPlaceholder();
        try {
            long micros = RawColumn.timestampMicros(row.tuple(), index, formatOid());
            if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                return micros == Long.MAX_VALUE ? LocalDateTime.MAX : LocalDateTime.MIN;
            }
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toLocalDateTime(this);
    }

    /**
     * The value as an {@link OffsetDateTime} ({@code timestamptz}): in text with the offset the server printed
     * (its session {@code TimeZone}), in binary at UTC. {@link #asObject()} always gives UTC; use
     * {@link #asInstant()} to compare instants. Infinities as {@link OffsetDateTime#MAX}/{@link OffsetDateTime#MIN}.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the date-time, or {@code null} for SQL NULL
     */
    public OffsetDateTime asOffsetDateTime() {
        requireNotPlaceholder();
        try {
            return RawColumn.offsetDateTime(row.tuple(), index, formatOid());
        } catch (RuntimeException e) {
            slow(e);
        }
        return ValueDecoder.toOffsetDateTime(this);
    }

    /**
     * The value as an {@link Instant} ({@code timestamptz}); infinities as {@link Instant#MAX}/
     * {@link Instant#MIN}. Allocates only the result for ISO text and binary.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the instant, or {@code null} for SQL NULL
     */
    public Instant asInstant() {
        requireNotPlaceholder();
        int oid = formatOid();
        if (oid == io.walstream.pgoutput.types.BuiltinTypes.TIMESTAMPTZ) {
            try {
                long micros = RawColumn.epochMicros(row.tuple(), index, oid);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return micros == Long.MAX_VALUE ? Instant.MAX : Instant.MIN;
                }
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L);
            } catch (RuntimeException e) {
                slow(e);
            }
        }
        return ValueDecoder.toInstant(this);
    }

    /**
     * The value as a {@link PgInterval} ({@code interval}: months, days, microseconds; PostgreSQL 17's infinite
     * intervals too).
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the interval, or {@code null} for SQL NULL
     */
    public PgInterval asInterval() {
        requireNotPlaceholder();
        return ValueDecoder.toInterval(this);
    }

    /**
     * The value as JSON text ({@code json}, {@code jsonb}; binary jsonb without its version byte).
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the JSON text, or {@code null} for SQL NULL
     */
    public String asJson() {
        requireNotPlaceholder();
        return ValueDecoder.toJson(this);
    }

    /**
     * The value as a {@link PgInet} ({@code inet}, {@code cidr}): address and prefix length.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the address, or {@code null} for SQL NULL
     */
    public PgInet asInet() {
        requireNotPlaceholder();
        return ValueDecoder.toInet(this);
    }

    /**
     * The value as an unsigned 32-bit OID in a {@code long} ({@code oid}, {@code xid}, {@code cid}, or the OID of
     * a binary {@code reg*} value).
     *
     * <p>Throws {@link io.walstream.pgoutput.types.ValueConversionException} for SQL NULL, for an unchanged
     * TOASTed value (not sent) and for a value that does not convert; {@link IllegalStateException} for a
     * placeholder.
     *
     * @return the OID
     */
    public long asOid() {
        requireNotPlaceholder();
        return ValueDecoder.toOid(this);
    }

    /**
     * A one-dimensional array as a list of {@code elementType} ({@code Object.class} for the natural types).
     * Lower bounds are dropped and more dimensions refused: use {@link #asArray()} for those.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @param <E> the element type
     * @param elementType the element class; elements may be {@code null}
     * @return an unmodifiable list, or {@code null} for SQL NULL
     */
    public <E> List<E> asList(Class<E> elementType) {
        requireNotPlaceholder();
        return ValueDecoder.toList(this, elementType);
    }

    /**
     * The value as its natural Java type, the same in text and binary format: the table at
     * {@link ValueDecoder#toObject} (e.g. {@code Integer} for int4, {@link java.time.OffsetDateTime} at UTC for
     * timestamptz, {@link BigDecimal} for money, {@link PgArray} for arrays, {@link PgRange} for ranges,
     * {@code String} for enums and composites). Decoded once per row and column; a {@code byte[]} is copied on
     * each call.
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @return the value, or {@code null} for SQL NULL
     */
    public Object asObject() {
        requireNotPlaceholder();
        if (isUnchangedToast()) {
            return ValueDecoder.toObject(this); // throws, naming the column
        }
        return row.object(this);
    }

    /**
     * The value converted to {@code type}: any type of the {@code as*} methods, their boxes and primitives,
     * Java enums (by constant name), {@link PgRecord}, and any value class {@link #asObject()} returns for the
     * column ({@link PgRange}, {@link io.walstream.pgoutput.types.PgGeometry.Point}, {@link io.walstream.Lsn} ...).
     *
     * <p>Returns {@code null} for SQL NULL; throws {@link io.walstream.pgoutput.types.ValueConversionException}
     * for an unchanged TOASTed value (not sent, never {@code null}) and for a value that does not convert;
     * {@link IllegalStateException} for a placeholder.
     *
     * @param <T> the target type
     * @param type the target class
     * @return the value, or {@code null} for SQL NULL and a non-primitive target
     */
    public <T> T as(Class<T> type) {
        requireNotPlaceholder();
        return ValueDecoder.to(this, type);
    }

    /**
     * The value as an array of any type and any number of dimensions, lower bounds kept.
     *
     * @return the array ({@link PgArray}, a {@code List}), or {@code null} for SQL NULL
     * @throws io.walstream.pgoutput.types.ValueConversionException if unchanged TOAST or not an array
     * @throws IllegalStateException for a placeholder
     */
    public PgArray asArray() {
        requireNotPlaceholder();
        return ValueDecoder.toArray(this);
    }

    /**
     * The value as a composite: its fields as PostgreSQL's text, nested composites parsed on demand.
     *
     * @return the record, or {@code null} for SQL NULL
     * @throws io.walstream.pgoutput.types.ValueConversionException if unchanged TOAST or not a composite
     * @throws IllegalStateException for a placeholder
     */
    public PgRecord asRecord() {
        requireNotPlaceholder();
        return ValueDecoder.toRecord(this);
    }

    /** @return {@code t'42'}, {@code b'0a0b'}, {@code n}, {@code u}, or {@code -} for a placeholder */
    public String describe() {
        if (isPlaceholder()) {
            return "-";
        }
        ColumnKind k = kind();
        if (k == ColumnKind.TEXT) {
            StringBuilder sb = new StringBuilder("t'");
            Describe.escape(sb, row.tuple().text(index), '\'');
            return sb.append('\'').toString();
        }
        if (k == ColumnKind.BINARY) {
            return "b'" + Describe.hex(row.tuple().data(index)) + "'";
        }
        return String.valueOf(k.code());
    }

    @Override
    public String toString() {
        return columnName() + "=" + describe();
    }
}
