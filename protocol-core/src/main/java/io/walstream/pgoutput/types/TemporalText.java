package io.walstream.pgoutput.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Parses date/time text in {@code DateStyle ISO} as the server prints it: {@code 2024-01-02},
 * {@code 04:05:06.789}, {@code 2024-01-02 03:04:05.123456+05:30}, with {@code  BC} suffixes for years before 1.
 * Infinity is handled by the caller. Throws {@link IllegalArgumentException} or
 * {@link java.time.DateTimeException} on bad input. Stateless.
 */
final class TemporalText {

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private TemporalText() {
    }

    static LocalDate parseDate(String text) {
        String s = text.trim();
        boolean bc = s.endsWith(" BC");
        if (bc) {
            s = s.substring(0, s.length() - 3).trim();
        }
        if (s.indexOf(' ') >= 0 || s.indexOf('T') >= 0) {
            throw new IllegalArgumentException("not a date: " + text);
        }
        return date(s, bc, text);
    }

    /** @return nanoseconds since midnight, possibly exactly one day ({@code 24:00:00}) */
    static long parseTimeNanos(String text) {
        String[] parts = splitOffset(text.trim(), text);
        if (parts[1] != null) {
            throw new IllegalArgumentException("unexpected time zone in time: " + text);
        }
        return clockNanos(parts[0], text);
    }

    static OffsetTime parseTimetz(String text) {
        String[] parts = splitOffset(text.trim(), text);
        if (parts[1] == null) {
            throw new IllegalArgumentException("missing time zone in timetz: " + text);
        }
        return OffsetTime.of(localTime(clockNanos(parts[0], text)), offset(parts[1], text));
    }

    static LocalDateTime parseTimestamp(String text) {
        String[] dt = splitDateTime(text);
        String[] parts = splitOffset(dt[1], text);
        if (parts[1] != null) {
            throw new IllegalArgumentException("unexpected time zone in timestamp: " + text);
        }
        return timestamp(dt[0], parts[0], dt[2] != null, text);
    }

    static OffsetDateTime parseTimestamptz(String text) {
        String[] dt = splitDateTime(text);
        String[] parts = splitOffset(dt[1], text);
        if (parts[1] == null) {
            throw new IllegalArgumentException("missing time zone in timestamptz: " + text);
        }
        return OffsetDateTime.of(timestamp(dt[0], parts[0], dt[2] != null, text), offset(parts[1], text));
    }

    static LocalTime localTime(long nanos) {
        return nanos == NANOS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(nanos);
    }

    /** {@code SS[.fffffffff]} to microseconds (rounding beyond 6 fraction digits half-up). */
    static long secondsToMicros(String s, String context) {
        long nanos = secondsToNanos(s, context);
        return (nanos + 500) / 1000;
    }

    private static long secondsToNanos(String s, String context) {
        return secondsToNanos(s, 0, s.length(), context);
    }

    /** {@code SS[.fffffffff]} in {@code s[from, to)} to nanoseconds; fraction digits beyond 9 are dropped. */
    private static long secondsToNanos(String s, int from, int to, String context) {
        int dot = s.indexOf('.', from);
        if (dot >= to) {
            dot = -1;
        }
        long nanos = number(s, from, dot < 0 ? to : dot, context) * 1_000_000_000L;
        if (dot >= 0) {
            if (dot + 1 == to) {
                throw new IllegalArgumentException("missing digits in: " + context);
            }
            long frac = 0;
            for (int i = dot + 1, n = 0; i < to; i++, n++) {
                int d = digit(s.charAt(i), context);
                if (n < 9) {
                    frac = frac * 10 + d;
                }
            }
            for (int n = Math.min(to - dot - 1, 9); n < 9; n++) {
                frac *= 10;
            }
            nanos += frac;
        }
        return nanos;
    }

    private static LocalDateTime timestamp(String date, String time, boolean bc, String text) {
        long nanos = clockNanos(time, text);
        if (nanos >= NANOS_PER_DAY) {
            return LocalDateTime.of(date(date, bc, text), LocalTime.MIDNIGHT).plusDays(1);
        }
        return LocalDateTime.of(date(date, bc, text), LocalTime.ofNanoOfDay(nanos));
    }

    /** @return {date, time-and-offset, "BC" or null} */
    private static String[] splitDateTime(String text) {
        String s = text.trim();
        String bc = null;
        if (s.endsWith(" BC")) {
            bc = "BC";
            s = s.substring(0, s.length() - 3).trim();
        }
        int sep = s.indexOf(' ');
        if (sep < 0) {
            sep = s.indexOf('T');
        }
        if (sep < 0) {
            throw new IllegalArgumentException("missing time in timestamp: " + text);
        }
        return new String[] {s.substring(0, sep), s.substring(sep + 1).trim(), bc};
    }

    /** @return {time, offset or null} */
    private static String[] splitOffset(String s, String text) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                return new String[] {s.substring(0, i), s.substring(i)};
            }
            if (c == 'Z' && i == s.length() - 1) {
                return new String[] {s.substring(0, i), "+00"};
            }
        }
        return new String[] {s, null};
    }

    private static LocalDate date(String s, boolean bc, String text) {
        int d1 = s.indexOf('-');
        int d2 = d1 < 0 ? -1 : s.indexOf('-', d1 + 1);
        if (d2 < 0 || s.indexOf('-', d2 + 1) >= 0) {
            throw new IllegalArgumentException("not a date: " + text);
        }
        int year = toInt(number(s, 0, d1, text), text);
        if (bc) {
            year = 1 - year;
        }
        return LocalDate.of(year, toInt(number(s, d1 + 1, d2, text), text),
                toInt(number(s, d2 + 1, s.length(), text), text));
    }

    private static long clockNanos(String s, String text) {
        int c1 = s.indexOf(':');
        int c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
        if (c1 < 0 || c2 >= 0 && s.indexOf(':', c2 + 1) >= 0) {
            throw new IllegalArgumentException("not a time: " + text);
        }
        long hour = number(s, 0, c1, text);
        long minute = number(s, c1 + 1, c2 < 0 ? s.length() : c2, text);
        long secNanos = c2 >= 0 ? secondsToNanos(s, c2 + 1, s.length(), text) : 0;
        if (minute > 59 || secNanos >= 60_000_000_000L) {
            throw new IllegalArgumentException("field out of range in time: " + text);
        }
        if (hour > 24) {
            throw new IllegalArgumentException("field out of range in time: " + text);
        }
        long nanos = hour * 3_600_000_000_000L + minute * 60_000_000_000L + secNanos;
        if (nanos > NANOS_PER_DAY) {
            throw new IllegalArgumentException("field out of range in time: " + text);
        }
        return nanos;
    }

    private static ZoneOffset offset(String s, String text) {
        boolean negative = s.charAt(0) == '-';
        int end = s.length();
        int c1 = s.indexOf(':', 1);
        int h;
        int m = 0;
        int sec = 0;
        if (c1 >= 0) {
            int c2 = s.indexOf(':', c1 + 1);
            if (c2 >= 0 && s.indexOf(':', c2 + 1) >= 0) {
                throw new IllegalArgumentException("bad time zone offset: " + text);
            }
            h = toInt(number(s, 1, c1, text), text);
            m = toInt(number(s, c1 + 1, c2 < 0 ? end : c2, text), text);
            sec = c2 < 0 ? 0 : toInt(number(s, c2 + 1, end, text), text);
        } else if (end - 1 <= 2) {
            h = toInt(number(s, 1, end, text), text);
        } else if (end - 1 == 4) {
            h = toInt(number(s, 1, 3, text), text);
            m = toInt(number(s, 3, 5, text), text);
        } else {
            number(s, 1, end, text); // reports a non-digit first, as before
            throw new IllegalArgumentException("bad time zone offset: " + text);
        }
        return negative ? ZoneOffset.ofHoursMinutesSeconds(-h, -m, -sec) : ZoneOffset.ofHoursMinutesSeconds(h, m, sec);
    }

    /** The decimal digits of {@code s[from, to)}: at least one, at most 18. */
    private static long number(String s, int from, int to, String text) {
        if (from >= to) {
            throw new IllegalArgumentException("missing digits in: " + text);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + digit(s.charAt(i), text);
        }
        if (to - from > 18) {
            throw new NumberFormatException("too many digits in: " + text);
        }
        return v;
    }

    private static int digit(char c, String text) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("unexpected '" + c + "' in: " + text);
        }
        return c - '0';
    }

    private static int toInt(long v, String text) {
        if (v > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range in: " + text);
        }
        return (int) v;
    }
}
