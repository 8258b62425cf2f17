package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TemporalTest {

    @Test
    void date() {
        assertEquals(LocalDate.of(2024, 1, 2), ValueDecoder.toLocalDate(text(1082, "2024-01-02")));
        assertEquals(LocalDate.of(2024, 1, 2), ValueDecoder.toLocalDate(hex(1082, "0000223f")));
        assertEquals(LocalDate.of(2000, 1, 1), ValueDecoder.toLocalDate(hex(1082, "00000000")));
        assertEquals(LocalDate.of(1999, 12, 31), ValueDecoder.toLocalDate(hex(1082, "ffffffff")));
        assertEquals(LocalDate.of(-43, 3, 15), ValueDecoder.toLocalDate(text(1082, "0044-03-15 BC")));
        assertEquals(LocalDate.of(0, 1, 1), ValueDecoder.toLocalDate(text(1082, "0001-01-01 BC")));
        assertEquals(LocalDate.of(-4712, 11, 24), ValueDecoder.toLocalDate(text(1082, "4713-11-24 BC")));
        assertEquals(LocalDate.of(12345, 6, 7), ValueDecoder.toLocalDate(text(1082, "12345-06-07")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toLocalDate(text(1082, "2024-02-30")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toLocalDate(text(1082, "01/02/2024")));
    }

    @Test
    void dateInfinity() {
        assertEquals(LocalDate.MAX, ValueDecoder.toLocalDate(text(1082, "infinity")));
        assertEquals(LocalDate.MIN, ValueDecoder.toLocalDate(text(1082, "-infinity")));
        assertEquals(LocalDate.MAX, ValueDecoder.toLocalDate(hex(1082, "7fffffff")));
        assertEquals(LocalDate.MIN, ValueDecoder.toLocalDate(hex(1082, "80000000")));
        assertTrue(ValueDecoder.isInfinity(hex(1082, "80000000")));
        assertTrue(ValueDecoder.isInfinity(text(1082, "infinity")));
        assertFalse(ValueDecoder.isInfinity(hex(1082, "00000000")));
        assertFalse(ValueDecoder.isInfinity(TestValue.nul(1082)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.isInfinity(TestValue.toast(1082)));
    }

    @Test
    void time() {
        assertEquals(LocalTime.of(4, 5, 6, 789_000_000), ValueDecoder.toLocalTime(text(1083, "04:05:06.789")));
        assertEquals(LocalTime.of(4, 5, 6, 789_000_000), ValueDecoder.toLocalTime(hex(1083, "000000036c97ca88")));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000),
                ValueDecoder.toLocalTime(text(1083, "23:59:59.999999")));
        assertEquals(LocalTime.MAX, ValueDecoder.toLocalTime(text(1083, "24:00:00")));
        assertEquals(LocalTime.MAX, ValueDecoder.toLocalTime(hex(1083, "000000141dd76000")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toLocalTime(text(1083, "25:00:00")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toLocalTime(text(1083, "04:61:00")));
    }

    @Test
    void timetz() {
        OffsetTime expected = OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutes(5, 30));
        assertEquals(expected, ValueDecoder.toOffsetTime(text(1266, "04:05:06+05:30")));
        // binary: µs, then the zone in seconds WEST of UTC (so +05:30 is -19800)
        assertEquals(expected, ValueDecoder.toOffsetTime(hex(1266, "000000036c8bc080 ffffb2a8")));
        assertEquals(OffsetTime.of(4, 5, 6, 789_000_000, ZoneOffset.ofHours(-8)),
                ValueDecoder.toOffsetTime(text(1266, "04:05:06.789-08")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toOffsetTime(text(1266, "04:05:06")));
    }

    @Test
    void timestamp() {
        LocalDateTime expected = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);
        assertEquals(expected, ValueDecoder.toLocalDateTime(text(1114, "2024-01-02 03:04:05.123456")));
        assertEquals(expected, ValueDecoder.toLocalDateTime(hex(1114, "0002b0ec8517d580")));
        assertEquals(LocalDateTime.of(2000, 1, 1, 0, 0), ValueDecoder.toLocalDateTime(hex(1114, "0000000000000000")));
        assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                ValueDecoder.toLocalDateTime(hex(1114, "ffffffffffffffff")));
        assertEquals(LocalDateTime.of(-43, 3, 15, 12, 0),
                ValueDecoder.toLocalDateTime(text(1114, "0044-03-15 12:00:00 BC")));
        assertEquals(LocalDateTime.MAX, ValueDecoder.toLocalDateTime(text(1114, "infinity")));
        assertEquals(LocalDateTime.MIN, ValueDecoder.toLocalDateTime(hex(1114, "8000000000000000")));
        assertEquals(LocalDateTime.MAX, ValueDecoder.toLocalDateTime(hex(1114, "7fffffffffffffff")));
        assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toLocalDateTime(text(1114, "2024-01-02 03:04:05+00")));
        assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toLocalDateTime(hex(1184, "0000000000000000")));
    }

    @Test
    void timestamptz() {
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC),
                ValueDecoder.toOffsetDateTime(text(1184, "2024-01-02 03:04:05.123456+00")));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                ValueDecoder.toOffsetDateTime(text(1184, "2024-01-02 03:04:05+05:30")));
        assertEquals(OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)),
                ValueDecoder.toOffsetDateTime(text(1184, "1900-01-01 00:00:00+05:30:15")));
        assertEquals(OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-7)),
                ValueDecoder.toOffsetDateTime(text(1184, "2024-06-01 00:00:00-07")));
        assertEquals(OffsetDateTime.of(-43, 3, 15, 10, 0, 0, 0, ZoneOffset.UTC),
                ValueDecoder.toOffsetDateTime(text(1184, "0044-03-15 10:00:00+00 BC")));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC),
                ValueDecoder.toOffsetDateTime(hex(1184, "0002b0ec8517d580")));
        assertEquals(Instant.parse("2024-01-01T21:34:05Z"),
                ValueDecoder.toInstant(text(1184, "2024-01-02 03:04:05+05:30")));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), ValueDecoder.toInstant(hex(1184, "0000000000000000")));
        assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toOffsetDateTime(text(1184, "2024-01-02 03:04:05")));
    }

    @Test
    void timestamptzInfinity() {
        assertEquals(OffsetDateTime.MAX, ValueDecoder.toOffsetDateTime(text(1184, "infinity")));
        assertEquals(OffsetDateTime.MIN, ValueDecoder.toOffsetDateTime(text(1184, "-infinity")));
        assertEquals(OffsetDateTime.MAX, ValueDecoder.toOffsetDateTime(hex(1184, "7fffffffffffffff")));
        assertEquals(OffsetDateTime.MIN, ValueDecoder.toOffsetDateTime(hex(1184, "8000000000000000")));
        assertEquals(Instant.MAX, ValueDecoder.toInstant(text(1184, "infinity")));
        assertEquals(Instant.MIN, ValueDecoder.toInstant(hex(1184, "8000000000000000")));
        assertTrue(ValueDecoder.isInfinity(hex(1184, "7fffffffffffffff")));
        assertFalse(ValueDecoder.isInfinity(hex(1184, "7ffffffffffffffe")));
    }
}
