package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.pgoutput.types.ValueConversionException;
import io.walstream.pgoutput.types.ValueDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The allocation-free getters of {@link ColumnValue} give exactly what the general conversions of
 * {@link ValueDecoder} give, for the forms they read and for the ones they hand over (unusual spellings,
 * NULL, other types, out of range).
 */
class FastPathAgreementTest {

    private static ColumnValue text(int oid, String value) {
        return column(oid, TupleData.builder().text(value).build());
    }

    private static ColumnValue binary(int oid, byte[] value) {
        return column(oid, TupleData.builder().binary(value).build());
    }

    private static ColumnValue column(int oid, TupleData tuple) {
        RelationCache cache = new RelationCache();
        cache.put(new Relation(1, "public", "t", ReplicaIdentity.DEFAULT, List.of(RelationColumn.of(false, "c", oid,
                -1))));
        return cache.newRow(new Insert(1, tuple)).get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "20|9223372036854775807", "20|-9223372036854775808", "23|-2147483648", "21|32767", "26|4294967295",
        "20|+5", "20| 7 ", "20|99999999999999999999", "25|12", "1700|12"})
    void integers(int oid, String text) {
        ColumnValue v = text(oid, text);
        assertSame(() -> ValueDecoder.toLong(v), v::asLong);
        assertSame(() -> ValueDecoder.toInt(v), v::asInt);
        assertSame(() -> ValueDecoder.toShort(v), v::asShort);
        assertSame(() -> ValueDecoder.toDouble(v), v::asDouble);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"701|-1.5e-300", "701|NaN", "701|-Infinity", "701|-0", "700|3.14",
        "1700|12345678901234567890.000123450", "1700|-0.001", "1700|NaN", "701|0.1", "701|1.2345678901234568e+17"})
    void floats(int oid, String text) {
        ColumnValue v = text(oid, text);
        assertSame(() -> ValueDecoder.toDouble(v), v::asDouble);
        if (oid == BuiltinTypes.NUMERIC) {
            assertSame(() -> ValueDecoder.toBigDecimal(v), v::asBigDecimal);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1184|2024-02-29 12:34:56.123456+00", "1184|1900-01-01 00:00:00+05:21:10",
        "1184|0044-03-15 10:00:00-08 BC", "1184|infinity", "1184|-infinity", "1114|2024-02-29 12:34:56.5",
        "1082|2024-02-29", "1082|0044-03-15 BC", "1184|2024-02-29T12:34:56Z", "1184|294276-12-31 23:59:59+00"})
    void temporals(int oid, String text) {
        ColumnValue v = text(oid, text);
        assertSame(() -> ValueDecoder.toEpochMicros(v), v::asEpochMicros);
        if (oid == BuiltinTypes.TIMESTAMPTZ) {
            assertSame(() -> ValueDecoder.toInstant(v), v::asInstant);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"16|t", "16|f", "16|true", "16|off", "16|x"})
    void booleans(int oid, String text) {
        ColumnValue v = text(oid, text);
        assertSame(() -> ValueDecoder.toBoolean(v), v::asBoolean);
    }

    @org.junit.jupiter.api.Test
    void binaryValues() {
        ColumnValue i8 = binary(BuiltinTypes.INT8, ByteBuffer.allocate(8).putLong(-42).array());
        assertEquals(-42, i8.asLong());
        assertEquals(-42.0, i8.asDouble());
        ColumnValue oid = binary(BuiltinTypes.OID, ByteBuffer.allocate(4).putInt(-1).array());
        assertEquals(4294967295L, oid.asLong());
        assertThrows(ValueConversionException.class, oid::asInt);
        ColumnValue f4 = binary(BuiltinTypes.FLOAT4, ByteBuffer.allocate(4).putFloat(3.14f).array());
        assertEquals((double) 3.14f, f4.asDouble());
        ColumnValue ts = binary(BuiltinTypes.TIMESTAMPTZ, ByteBuffer.allocate(8).putLong(0).array());
        assertEquals(946_684_800_000_000L, ts.asEpochMicros());
        assertEquals(java.time.Instant.parse("2000-01-01T00:00:00Z"), ts.asInstant());
        ColumnValue far = binary(BuiltinTypes.TIMESTAMPTZ,
                ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - 1).array());
        assertThrows(ValueConversionException.class, far::asEpochMicros);
        ColumnValue b = binary(BuiltinTypes.BOOL, new byte[] {1});
        assertEquals(true, b.asBoolean());
        ColumnValue shortInt = binary(BuiltinTypes.INT4, new byte[] {0, 1});
        assertThrows(ValueConversionException.class, shortInt::asLong, "malformed: the general path reports it");
        ColumnValue nul = column(BuiltinTypes.INT8, TupleData.builder().nul().build());
        assertThrows(ValueConversionException.class, nul::asLong);
    }

    private static <T> void assertSame(java.util.function.Supplier<T> general, java.util.function.Supplier<T> fast) {
        Object expected;
        try {
            expected = general.get();
        } catch (ValueConversionException e) {
            ValueConversionException f = assertThrows(ValueConversionException.class, fast::get);
            assertEquals(e.getMessage(), f.getMessage());
            return;
        }
        assertEquals(expected, fast.get());
    }
}
