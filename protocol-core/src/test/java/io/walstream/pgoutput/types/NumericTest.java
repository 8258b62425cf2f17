package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.binary;
import static io.walstream.pgoutput.types.TestValue.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumericTest {

    private static PgNumeric bin(String hex) {
        return ValueDecoder.toNumeric(hex(1700, hex));
    }

    @Test
    void handComputedBinaryVectors() {
        // 123.45: ndigits 2, weight 0, sign +, dscale 2, digits [123, 4500]
        assertEquals(PgNumeric.of(new BigDecimal("123.45")), bin("0002 0000 0000 0002 007b 1194"));
        // -0.001: ndigits 1, weight -1, sign -, dscale 3, digits [10]
        assertEquals(PgNumeric.of(new BigDecimal("-0.001")), bin("0001 ffff 4000 0003 000a"));
        // 10000: ndigits 1, weight 1, dscale 0, digits [1]
        assertEquals(PgNumeric.of(new BigDecimal("10000")), bin("0001 0001 0000 0000 0001"));
        // 0.00: no digits, dscale 2
        assertEquals(PgNumeric.of(new BigDecimal("0.00")), bin("0000 0000 0000 0002"));
        assertEquals(PgNumeric.of(BigDecimal.ZERO), bin("0000 0000 0000 0000"));
        // 1e-30 with scale 30: ndigits 1, weight -8, dscale 30, digits [100]
        assertEquals(PgNumeric.of(new BigDecimal("1E-30")), bin("0001 fff8 0000 001e 0064"));
        // 12345678901234567890.5: weight 4, digits [1234,5678,9012,3456,7890,5000], dscale 1
        assertEquals(PgNumeric.of(new BigDecimal("12345678901234567890.5")),
                bin("0006 0004 0000 0001 04d2 162e 2334 0d80 1ed2 1388"));
        // trailing zeros in dscale beyond the digits: 1.50 is [1, 5000] dscale 2
        assertEquals("1.50", bin("0002 0000 0000 0002 0001 1388").toString());
    }

    @Test
    void testEncoderAgreesWithHandVectors() {
        assertArrayEquals(Bin.hex("0002 0000 0000 0002 007b 1194"), Bin.numeric(new BigDecimal("123.45")));
        assertArrayEquals(Bin.hex("0001 ffff 4000 0003 000a"), Bin.numeric(new BigDecimal("-0.001")));
        assertArrayEquals(Bin.hex("0001 fff8 0000 001e 0064"), Bin.numeric(new BigDecimal("1E-30")));
        assertArrayEquals(Bin.hex("0001 0001 0000 0000 0001"), Bin.numeric(new BigDecimal("10000")));
    }

    @Test
    void specials() {
        assertEquals(PgNumeric.NAN, bin("0000 0000 c000 0000"));
        assertEquals(PgNumeric.POSITIVE_INFINITY, bin("0000 0000 d000 0000"));
        assertEquals(PgNumeric.NEGATIVE_INFINITY, bin("0000 0000 f000 0000"));
        assertEquals(PgNumeric.NAN, ValueDecoder.toNumeric(TestValue.text(1700, "NaN")));
        assertEquals(PgNumeric.POSITIVE_INFINITY, ValueDecoder.toNumeric(TestValue.text(1700, "Infinity")));
        assertEquals(PgNumeric.NEGATIVE_INFINITY, ValueDecoder.toNumeric(TestValue.text(1700, "-Infinity")));
        assertTrue(PgNumeric.NAN.isNaN());
        assertFalse(PgNumeric.NAN.isInfinite());
        assertTrue(PgNumeric.NEGATIVE_INFINITY.isInfinite());
        assertNotEquals(PgNumeric.POSITIVE_INFINITY, PgNumeric.NEGATIVE_INFINITY);
        assertNotEquals(PgNumeric.NAN, PgNumeric.POSITIVE_INFINITY);
        assertEquals(Double.NEGATIVE_INFINITY, PgNumeric.NEGATIVE_INFINITY.doubleValue());
        assertEquals("NaN", PgNumeric.NAN.toString());
        assertEquals("-Infinity", PgNumeric.NEGATIVE_INFINITY.toString());
        assertThrows(ArithmeticException.class, PgNumeric.NAN::bigDecimalValue);
        assertTrue(ValueDecoder.isInfinity(hex(1700, "0000 0000 d000 0000")));
        assertFalse(ValueDecoder.isInfinity(hex(1700, "0000 0000 c000 0000")));
    }

    @Test
    void textFormat() {
        assertEquals(new BigDecimal("-123.4500"), ValueDecoder.toBigDecimal(TestValue.text(1700, "-123.4500")));
        assertEquals(new BigDecimal("0"), ValueDecoder.toBigDecimal(TestValue.text(1700, "0")));
        String big = "1" + "0".repeat(100) + "." + "0".repeat(50) + "1";
        assertEquals(new BigDecimal(big), ValueDecoder.toBigDecimal(TestValue.text(1700, big)));
        assertEquals("-123.4500", ValueDecoder.toNumeric(TestValue.text(1700, "-123.4500")).toString());
    }

    @Test
    void bigDecimalRefusesNaNAndInfinity() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toBigDecimal(TestValue.text(1700, "NaN")));
        assertTrue(e.getMessage().contains("toNumeric"), e.getMessage());
        e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toBigDecimal(hex(1700, "0000 0000 f000 0000")));
        assertTrue(e.getMessage().contains("-Infinity") && e.getMessage().contains("toNumeric"), e.getMessage());
    }

    @Test
    void malformedBinary() {
        assertThrows(ValueConversionException.class, () -> bin("0002 0000 0000 0002 007b"));
        assertThrows(ValueConversionException.class, () -> bin("0001 0000 1234 0000 0001"));
        assertThrows(ValueConversionException.class, () -> bin("0001 0000 0000 0000 2710"));
        assertThrows(ValueConversionException.class, () -> bin("0000"));
    }

    @Test
    void fromOtherNumberTypes() {
        assertEquals(new BigDecimal("42"), ValueDecoder.toBigDecimal(hex(23, "0000002a")));
        assertEquals(new BigDecimal("1.5"), ValueDecoder.toBigDecimal(hex(701, "3ff8000000000000")));
        assertEquals(PgNumeric.NAN, ValueDecoder.toNumeric(hex(701, "7ff8000000000000")));
        assertEquals(new BigDecimal("123.45"),
                ValueDecoder.toBigDecimal(binary(1700, Bin.numeric(new BigDecimal("123.45")))));
    }
}
