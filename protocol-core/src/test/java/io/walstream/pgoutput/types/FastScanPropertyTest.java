package io.walstream.pgoutput.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.internal.TextScan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The allocation-free readers agree with the general parsers on PostgreSQL's own output: integers, floats
 * printed as PostgreSQL prints them, and timestamps of any offset and era.
 */
class FastScanPropertyTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @net.jqwik.api.Example
    void beyondTheEpochMicrosRangeIsNotFast() {
        byte[] a = b("294276-12-31 23:59:59.999999+00");
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> TextScan.parseEpochMicros(a, 0, a.length));
        org.junit.jupiter.api.Assertions.assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toEpochMicros(TestValue.text(BuiltinTypes.TIMESTAMPTZ,
                        "294276-12-31 23:59:59.999999+00")));
    }

    @Property
    void longs(@ForAll long v) {
        byte[] a = b("xx" + v);
        assertEquals(v, TextScan.parseLong(a, 2, a.length - 2));
    }

    @Property
    void doublesAsPostgresPrintsThem(@ForAll double v) {
        StringBuilder sb = new StringBuilder();
        FloatText.formatDouble(v, sb);
        String text = sb.toString();
        double fast;
        try {
            fast = TextScan.parseDouble(b(text), 0, text.length());
        } catch (RuntimeException e) {
            assertEquals(TextScan.NOT_FAST, e);
            return; // more than 15 digits or a large exponent: the general parser's job
        }
        assertEquals(Double.doubleToLongBits(Double.parseDouble(NumberTypes.floatText(text))),
                Double.doubleToLongBits(fast), text);
    }

    @Property
    void decimalsWithFewDigits(@ForAll @LongRange(min = -999_999_999_999_999L, max = 999_999_999_999_999L) long m,
            @ForAll @IntRange(min = 0, max = 15) int scale) {
        String text = java.math.BigDecimal.valueOf(m, scale).toPlainString();
        assertEquals(Double.parseDouble(text), TextScan.parseDouble(b(text), 0, text.length()), text);
    }

    @Property
    void plainDecimals(@ForAll @LongRange(min = -999_999_999_999_999_999L, max = 999_999_999_999_999_999L) long m,
            @ForAll @IntRange(min = 0, max = 18) int scale) {
        String text = java.math.BigDecimal.valueOf(m, scale).toPlainString();
        byte[] a = b(text);
        java.math.BigDecimal fast = java.math.BigDecimal.valueOf(TextScan.parseUnscaled(a, 0, a.length),
                TextScan.decimalScale(a, 0, a.length));
        assertEquals(new java.math.BigDecimal(text), fast, text);
        assertEquals(ValueDecoder.toBigDecimal(TestValue.text(BuiltinTypes.NUMERIC, text)), fast, text);
    }

    @Property
    void timestamptzOfAnyEraAndOffset(
            @ForAll @LongRange(min = -210_866_803_200_000_000L, max = 9_223_285_636_854_775_806L) long micros,
            @ForAll @IntRange(min = -15 * 3600 - 59 * 60, max = 15 * 3600 + 59 * 60) int offsetSeconds) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        OffsetDateTime t = OffsetDateTime.ofInstant(i, ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder sb = new StringBuilder();
        DateTimeTypes.formatTimestamp(t.toLocalDateTime(), t.getOffset(), sb);
        String text = sb.toString();
        assertEquals(micros, TextScan.parseEpochMicros(b(text), 0, text.length()), text);
        TestValue v = TestValue.text(BuiltinTypes.TIMESTAMPTZ, text);
        assertEquals(micros, ValueDecoder.toEpochMicros(v), text);
        assertEquals(i, ValueDecoder.toInstant(v), text);
    }
}
