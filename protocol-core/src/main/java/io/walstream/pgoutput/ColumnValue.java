package io.walstream.pgoutput;

import io.walstream.pgoutput.types.PgArray;
import io.walstream.pgoutput.types.PgInet;
import io.walstream.pgoutput.types.PgInterval;
import io.walstream.pgoutput.types.PgNumeric;
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
 * <p><b>Thread safety:</b> immutable.
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

    public boolean asBoolean() {
        requireNotPlaceholder();
        return ValueDecoder.toBoolean(this);
    }

    public short asShort() {
        requireNotPlaceholder();
        return ValueDecoder.toShort(this);
    }

    public int asInt() {
        requireNotPlaceholder();
        return ValueDecoder.toInt(this);
    }

    public long asLong() {
        requireNotPlaceholder();
        return ValueDecoder.toLong(this);
    }

    public float asFloat() {
        requireNotPlaceholder();
        return ValueDecoder.toFloat(this);
    }

    public double asDouble() {
        requireNotPlaceholder();
        return ValueDecoder.toDouble(this);
    }

    public BigDecimal asBigDecimal() {
        requireNotPlaceholder();
        return ValueDecoder.toBigDecimal(this);
    }

    public PgNumeric asNumeric() {
        requireNotPlaceholder();
        return ValueDecoder.toNumeric(this);
    }

    public String asString() {
        requireNotPlaceholder();
        return ValueDecoder.toText(this);
    }

    public byte[] asBytes() {
        requireNotPlaceholder();
        return ValueDecoder.toBytes(this);
    }

    public UUID asUuid() {
        requireNotPlaceholder();
        return ValueDecoder.toUuid(this);
    }

    public LocalDate asLocalDate() {
        requireNotPlaceholder();
        return ValueDecoder.toLocalDate(this);
    }

    public LocalTime asLocalTime() {
        requireNotPlaceholder();
        return ValueDecoder.toLocalTime(this);
    }

    public OffsetTime asOffsetTime() {
        requireNotPlaceholder();
        return ValueDecoder.toOffsetTime(this);
    }

    public LocalDateTime asLocalDateTime() {
        requireNotPlaceholder();
        return ValueDecoder.toLocalDateTime(this);
    }

    public OffsetDateTime asOffsetDateTime() {
        requireNotPlaceholder();
        return ValueDecoder.toOffsetDateTime(this);
    }

    public Instant asInstant() {
        requireNotPlaceholder();
        return ValueDecoder.toInstant(this);
    }

    public PgInterval asInterval() {
        requireNotPlaceholder();
        return ValueDecoder.toInterval(this);
    }

    public String asJson() {
        requireNotPlaceholder();
        return ValueDecoder.toJson(this);
    }

    public PgInet asInet() {
        requireNotPlaceholder();
        return ValueDecoder.toInet(this);
    }

    public long asOid() {
        requireNotPlaceholder();
        return ValueDecoder.toOid(this);
    }

    public <E> List<E> asList(Class<E> elementType) {
        requireNotPlaceholder();
        return ValueDecoder.toList(this, elementType);
    }

    public Object asObject() {
        requireNotPlaceholder();
        if (isUnchangedToast()) {
            return ValueDecoder.toObject(this); // throws, naming the column
        }
        return row.object(this);
    }

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
