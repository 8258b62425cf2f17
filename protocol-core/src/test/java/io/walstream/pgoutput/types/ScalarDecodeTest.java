package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.binary;
import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScalarDecodeTest {

    @Test
    void bool() {
        assertTrue(ValueDecoder.toBoolean(text(16, "t")));
        assertFalse(ValueDecoder.toBoolean(text(16, "f")));
        assertTrue(ValueDecoder.toBoolean(hex(16, "01")));
        assertFalse(ValueDecoder.toBoolean(hex(16, "00")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBoolean(text(16, "maybe")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBoolean(hex(16, "0100")));
    }

    @Test
    void integers() {
        assertEquals(-2, ValueDecoder.toShort(hex(21, "fffe")));
        assertEquals(16909060, ValueDecoder.toInt(hex(23, "01020304")));
        assertEquals(-1L, ValueDecoder.toLong(hex(20, "ffffffffffffffff")));
        assertEquals(Long.MIN_VALUE, ValueDecoder.toLong(hex(20, "8000000000000000")));
        assertEquals(-32768, ValueDecoder.toShort(text(21, "-32768")));
        assertEquals(2147483647, ValueDecoder.toInt(text(23, "2147483647")));
        assertEquals(-9223372036854775808L, ValueDecoder.toLong(text(20, "-9223372036854775808")));
        // widening from narrower binary types, narrowing within range
        assertEquals(-2L, ValueDecoder.toLong(hex(21, "fffe")));
        assertEquals(5, ValueDecoder.toInt(hex(20, "0000000000000005")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(hex(20, "0000000100000000")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toShort(text(23, "40000")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(text(23, "12a")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(text(23, "1.5")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(hex(23, "010203")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(hex(25, "31")));
    }

    @Test
    void oid() {
        assertEquals(4294967295L, ValueDecoder.toOid(hex(26, "ffffffff")));
        assertEquals(16384L, ValueDecoder.toOid(text(26, "16384")));
        assertEquals(4294967295L, ValueDecoder.toOid(text(26, "4294967295")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toOid(text(26, "4294967296")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toOid(text(26, "-1")));
    }

    @Test
    void floats() {
        assertEquals(1.5f, ValueDecoder.toFloat(hex(700, "3fc00000")));
        assertEquals(-2.5, ValueDecoder.toDouble(hex(701, "c004000000000000")));
        assertEquals(1.5, ValueDecoder.toDouble(hex(700, "3fc00000")));
        assertEquals(0.1f, ValueDecoder.toFloat(text(700, "0.1")));
        assertEquals(1.0E-300, ValueDecoder.toDouble(text(701, "1e-300")));
        assertTrue(Double.isNaN(ValueDecoder.toDouble(text(701, "NaN"))));
        assertEquals(Double.POSITIVE_INFINITY, ValueDecoder.toDouble(text(701, "Infinity")));
        assertEquals(Double.NEGATIVE_INFINITY, ValueDecoder.toDouble(text(701, "-Infinity")));
        assertEquals(Float.NEGATIVE_INFINITY, ValueDecoder.toFloat(text(700, "-Infinity")));
        assertTrue(Float.isNaN(ValueDecoder.toFloat(hex(700, "7fc00000"))));
        assertEquals(Double.POSITIVE_INFINITY, ValueDecoder.toDouble(hex(701, "7ff0000000000000")));
        assertEquals(42.0, ValueDecoder.toDouble(hex(23, "0000002a")));
        assertEquals(123.45, ValueDecoder.toDouble(binary(1700, Bin.hex("0002 0000 0000 0002 007b 1194"))));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toDouble(text(701, "0x1p3")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toDouble(text(701, "1d")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toDouble(text(701, "abc")));
    }

    @Test
    void textTypes() {
        for (int oid : new int[] {25, 1043, 1042, 19, 142, 114}) {
            assertEquals("héllo ☃", ValueDecoder.toText(text(oid, "héllo ☃")));
            assertEquals("héllo ☃",
                    ValueDecoder.toText(binary(oid, "héllo ☃".getBytes(StandardCharsets.UTF_8))));
        }
        // user-defined types (e.g. enums): text, and binary is the label in UTF-8
        assertEquals("happy", ValueDecoder.toText(text(16390, "happy")));
        assertEquals("happy", ValueDecoder.toText(binary(16390, "happy".getBytes(StandardCharsets.UTF_8))));
        // any text value is allowed as String
        assertEquals("42", ValueDecoder.toText(text(23, "42")));
        // a binary built-in value reads as PostgreSQL prints it
        assertEquals("42", ValueDecoder.toText(hex(23, "0000002a")));
        // an extension type whose send format is neither text nor a composite is refused, not garbled
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toText(hex(16390, "0000000100ff")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("binary = false"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(Bin.hex("0000000100ff"),
                (byte[]) ValueDecoder.toObject(hex(16390, "0000000100ff")));
    }

    @Test
    void charType() {
        assertEquals("a", ValueDecoder.toText(text(18, "a")));
        assertEquals("a", ValueDecoder.toText(hex(18, "61")));
        assertEquals("\\351", ValueDecoder.toText(hex(18, "e9")));
        assertEquals("", ValueDecoder.toText(hex(18, "00")));
        assertEquals('a', ValueDecoder.to(hex(18, "61"), char.class));
    }

    @Test
    void bytea() {
        assertArrayEquals(new byte[] {0, 1, (byte) 0xab, (byte) 0xff}, ValueDecoder.toBytes(text(17, "\\x0001abFF")));
        assertArrayEquals(new byte[0], ValueDecoder.toBytes(text(17, "\\x")));
        assertArrayEquals(new byte[] {'a', 0, '\\', 'b', (byte) 0xff, '\''},
                ValueDecoder.toBytes(text(17, "a\\000\\\\b\\377'")));
        assertArrayEquals(new byte[] {1, 2, 3}, ValueDecoder.toBytes(hex(17, "010203")));
        assertArrayEquals(new byte[0], ValueDecoder.toBytes(hex(17, "")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBytes(text(17, "\\x0g")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBytes(text(17, "\\x012")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBytes(text(17, "a\\9")));
    }

    @Test
    void bytesAreFreshCopies() {
        TestValue v = hex(17, "0102");
        byte[] a = ValueDecoder.toBytes(v);
        a[0] = 9;
        assertEquals(1, ValueDecoder.toBytes(v)[0]);
    }

    @Test
    void uuid() {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals(u, ValueDecoder.toUuid(text(2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
        assertEquals(u, ValueDecoder.toUuid(hex(2950, "a0eebc999c0b4ef8bb6d6bb9bd380a11")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toUuid(text(2950, "a0eebc99")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toUuid(hex(2950, "a0eebc99")));
    }

    @Test
    void json() {
        assertEquals("{\"a\": 1}", ValueDecoder.toJson(text(114, "{\"a\": 1}")));
        assertEquals("{\"a\": 1}", ValueDecoder.toJson(text(3802, "{\"a\": 1}")));
        assertEquals("{\"a\": 1}", ValueDecoder.toJson(binary(114, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("{\"a\": 1}",
                ValueDecoder.toJson(binary(3802, new Bin().i8(1).utf8("{\"a\": 1}").done())));
        assertEquals("[1]", ValueDecoder.toText(binary(3802, new Bin().i8(1).utf8("[1]").done())));
        assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toJson(binary(3802, new Bin().i8(2).utf8("[1]").done())));
    }

    @Test
    void macaddrAndBits() {
        assertEquals("08:00:2b:01:02:03", ValueDecoder.toText(hex(829, "08002b010203")));
        assertEquals(PgMacaddr.of(Bin.hex("08002b010203")), ValueDecoder.toObject(text(829, "08:00:2b:01:02:03")));
        assertEquals(ValueDecoder.toObject(text(829, "08:00:2b:01:02:03")), ValueDecoder.toObject(hex(829, "08002b010203")));
        assertEquals("08:00:2b:01:02:03:04:05", ValueDecoder.toText(hex(774, "08002b0102030405")));
        assertEquals("101", ValueDecoder.toText(hex(1560, "00000003 a0")));
        assertEquals("1010000011", ValueDecoder.toText(hex(1562, "0000000a a0c0")));
        assertEquals("", ValueDecoder.toText(hex(1562, "00000000")));
        assertEquals(PgBitString.parse("101"), ValueDecoder.toObject(text(1562, "101")));
        assertEquals(PgBitString.parse("101"), ValueDecoder.toObject(hex(1562, "00000003 a0")));
        assertEquals(3, PgBitString.parse("101").length());
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toText(hex(1562, "00000009 a0")));
    }

    @Test
    void money() {
        // money is a number in both formats: text in lc_monetary=C (or another '.'-decimal locale), binary cents
        assertEquals(new java.math.BigDecimal("1234.56"), ValueDecoder.toObject(text(790, "$1,234.56")));
        assertEquals(new java.math.BigDecimal("1234.56"), ValueDecoder.toObject(hex(790, "000000000001e240")));
        assertEquals(new java.math.BigDecimal("-0.01"), ValueDecoder.toObject(text(790, "-$0.01")));
        assertEquals("$1,234.56", ValueDecoder.toText(hex(790, "000000000001e240")));
        assertEquals("-$0.01", ValueDecoder.toText(hex(790, "ffffffffffffffff")));
    }
}
