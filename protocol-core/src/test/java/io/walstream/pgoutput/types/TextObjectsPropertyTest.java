package io.walstream.pgoutput.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.internal.TextObjects;
import io.walstream.internal.TextScan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The string-free readers of {@link TextObjects} give exactly what the general parsers give (equal value and,
 * for decimals, equal scale) on PostgreSQL's own output, and step aside ({@link TextScan#NOT_FAST}) on the rest.
 */
class TextObjectsPropertyTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Property
    void decimalsOfUpTo36Digits(
            @ForAll @BigRange(min = "-999999999999999999999999999999999999",
                    max = "999999999999999999999999999999999999") BigInteger unscaled,
            @ForAll @IntRange(min = 0, max = 40) int scale) {
        String text = new BigDecimal(unscaled, scale).toPlainString();
        byte[] a = b("  " + text);
        BigDecimal fast = TextObjects.parseDecimal(a, 2, a.length - 2);
        assertEquals(new BigDecimal(text), fast, text); // equals compares the scale too
        assertEquals(ValueDecoder.toBigDecimal(TestValue.text(BuiltinTypes.NUMERIC, text)), fast, text);
    }

    @Property
    void decimalsAroundTheLongRange(
            @ForAll @BigRange(min = "-99999999999999999999", max = "99999999999999999999") BigInteger unscaled,
            @ForAll @IntRange(min = 0, max = 22) int scale) {
        String text = new BigDecimal(unscaled, scale).toPlainString();
        byte[] a = b(text);
        assertEquals(new BigDecimal(text), TextObjects.parseDecimal(a, 0, a.length), text);
    }

    @Property
    void shortDecimals(@ForAll @net.jqwik.api.constraints.LongRange(min = -999_999_999_999_999_999L,
            max = 999_999_999_999_999_999L) long unscaled, @ForAll @IntRange(min = 0, max = 19) int scale) {
        String text = BigDecimal.valueOf(unscaled, scale).toPlainString();
        byte[] a = b("9" + text + "9");
        assertEquals(new BigDecimal(text), TextObjects.parseDecimal(a, 1, a.length - 2), text);
    }

    /** Any string of digits, points and minus signs: the same decimal as the JDK, or "not fast" where it fails. */
    @Property
    void shortStringsOfDecimalCharacters(@ForAll @net.jqwik.api.constraints.Chars({'0', '1', '5', '9', '.', '-'})
            @net.jqwik.api.constraints.StringLength(max = 20) String text) {
        byte[] a = b(text);
        BigDecimal fast;
        try {
            fast = TextObjects.parseDecimal(a, 0, a.length);
        } catch (RuntimeException e) {
            assertSame(TextScan.NOT_FAST, e, text);
            return; // the general parser decides; PostgreSQL never prints these
        }
        assertEquals(new BigDecimal(text), fast, text);
    }

    @Example
    void decimalsBeyond36DigitsOrNotPlainStepAside() {
        for (String s : new String[] {"1234567890123456789012345678901234567", "1e5", "+1", "1.", ".5", "", "-",
            "NaN", "Infinity", " 1", "1..2"}) {
            byte[] a = b(s);
            assertSame(TextScan.NOT_FAST, assertThrows(RuntimeException.class,
                    () -> TextObjects.parseDecimal(a, 0, a.length)), s);
        }
        byte[] z = b("-0.000");
        assertEquals(new BigDecimal("-0.000"), TextObjects.parseDecimal(z, 0, z.length));
    }

    @Property
    void timestamptzOfAnyEraAndOffset(
            @ForAll @LongRange(min = -210_866_803_200_000_000L, max = 9_223_285_636_854_775_806L) long micros,
            @ForAll @IntRange(min = -15 * 3600 - 59 * 60 - 59, max = 15 * 3600 + 59 * 60 + 59) int offsetSeconds) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        OffsetDateTime t = OffsetDateTime.ofInstant(i, ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder sb = new StringBuilder();
        DateTimeTypes.formatTimestamp(t.toLocalDateTime(), t.getOffset(), sb);
        String text = sb.toString();
        OffsetDateTime general = ValueDecoder.toOffsetDateTime(TestValue.text(BuiltinTypes.TIMESTAMPTZ, text));
        byte[] a = b(text);
        OffsetDateTime fast;
        try {
            fast = TextObjects.parseTimestamptz(a, 0, a.length);
        } catch (RuntimeException e) {
            assertSame(TextScan.NOT_FAST, e, text);
            int year = t.getYear();
            assertEquals(true, year < 1000 || year > 9999, "the fast path refused " + text);
            return;
        }
        assertEquals(general, fast, text);
        assertEquals(general.getOffset(), fast.getOffset(), text);
    }

    @Example
    void unusualTimestampsStepAside() {
        for (String s : new String[] {"2024-01-02 24:00:00+00", "2024-02-30 01:00:00+00", "0044-03-15 12:00:00+00 BC",
            "infinity", "2024-01-02T03:04:05+00", "2024-01-02 03:04:05", "2024-01-02 03:04:05.+00",
            "2024-01-02 03:04:05+0530", "2024-01-02 03:04:05+19", "12024-01-02 03:04:05+00"}) {
            byte[] a = b(s);
            assertSame(TextScan.NOT_FAST, assertThrows(RuntimeException.class,
                    () -> TextObjects.parseTimestamptz(a, 0, a.length)), s);
        }
    }
}
