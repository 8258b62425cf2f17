package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void textPostgresStyle() {
        assertEquals(PgInterval.of(14, 3, 14_706_789_000L),
                ValueDecoder.toInterval(text(1186, "1 year 2 mons 3 days 04:05:06.789")));
        assertEquals(PgInterval.of(0, 0, -1_000_000L), ValueDecoder.toInterval(text(1186, "-00:00:01")));
        assertEquals(PgInterval.of(-14, 3, -14_706_000_000L),
                ValueDecoder.toInterval(text(1186, "-1 years -2 mons +3 days -04:05:06")));
        assertEquals(PgInterval.ZERO, ValueDecoder.toInterval(text(1186, "00:00:00")));
        assertEquals(PgInterval.of(0, 1, 0), ValueDecoder.toInterval(text(1186, "1 day")));
        assertEquals(PgInterval.of(0, 0, 100L * 3_600_000_000L), ValueDecoder.toInterval(text(1186, "100:00:00")));
        assertEquals(PgInterval.of(0, 0, 500_000L), ValueDecoder.toInterval(text(1186, "00:00:00.5")));
    }

    @Test
    void textVerboseStyle() {
        assertEquals(PgInterval.of(-14, -3, -(4 * 3_600_000_000L + 6_500_000L)),
                PgInterval.parse("@ 1 year 2 mons 3 days 4 hours 6.5 secs ago"));
    }

    @Test
    void binary() {
        // int64 µs, int32 days, int32 months
        assertEquals(PgInterval.of(14, 3, 14_706_789_000L),
                ValueDecoder.toInterval(hex(1186, "000000036c97ca88 00000003 0000000e")));
        assertEquals(PgInterval.of(-1, 0, -1L),
                ValueDecoder.toInterval(hex(1186, "ffffffffffffffff 00000000 ffffffff")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInterval(hex(1186, "00")));
    }

    @Test
    void infinity() {
        assertEquals(PgInterval.POSITIVE_INFINITY, ValueDecoder.toInterval(text(1186, "infinity")));
        assertEquals(PgInterval.NEGATIVE_INFINITY,
                ValueDecoder.toInterval(hex(1186, "8000000000000000 80000000 80000000")));
        assertTrue(ValueDecoder.isInfinity(hex(1186, "7fffffffffffffff 7fffffff 7fffffff")));
        assertEquals("infinity", PgInterval.POSITIVE_INFINITY.toString());
    }

    @Test
    void toStringMatchesServerOutput() {
        assertEquals("1 year 2 mons 3 days 04:05:06.789", PgInterval.of(14, 3, 14_706_789_000L).toString());
        assertEquals("-00:00:01", PgInterval.of(0, 0, -1_000_000L).toString());
        assertEquals("00:00:00", PgInterval.ZERO.toString());
        assertEquals("1 day", PgInterval.of(0, 1, 0).toString());
        assertEquals("2 years", PgInterval.of(24, 0, 0).toString());
        assertEquals("1 mon", PgInterval.of(1, 0, 0).toString());
        assertEquals("-1 years -2 mons +3 days -04:05:06", PgInterval.of(-14, 3, -14_706_000_000L).toString());
        assertEquals("-1 days +01:00:00", PgInterval.of(0, -1, 3_600_000_000L).toString());
        assertEquals("100:00:00.000001", PgInterval.of(0, 0, 100L * 3_600_000_000L + 1).toString());
    }

    @Test
    void helpers() {
        PgInterval i = PgInterval.of(14, 3, 14_706_789_000L);
        assertEquals(1, i.years());
        assertEquals(2, i.monthsOfYear());
        assertEquals(Period.of(1, 2, 3), i.toPeriod());
        assertEquals(Duration.ofHours(4).plusMinutes(5).plusSeconds(6).plusMillis(789), i.timePart());
        assertEquals(Duration.ofDays(14 * 30 + 3).plus(i.timePart()), i.toApproximateDuration());
        assertEquals("P1Y2M3DT4H5M6.789S", i.toIsoString());
        assertEquals("PT0S", PgInterval.ZERO.toIsoString());
        assertEquals(i, PgInterval.of(Period.of(1, 2, 3), i.timePart()));
        assertThrows(ArithmeticException.class, PgInterval.POSITIVE_INFINITY::toApproximateDuration);
    }
}
