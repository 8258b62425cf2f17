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
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        long nanos = Long.parseLong(digits(whole, context)) * 1_000_000_000L;
        if (dot >= 0) {
            String frac = digits(s.substring(dot + 1), context);
            if (frac.length() > 9) {
                frac = frac.substring(0, 9);
            }
            StringBuilder padded = new StringBuilder(frac);
            while (padded.length() < 9) {
                padded.append('0');
            }
            nanos += Long.parseLong(padded.toString());
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
        String[] ymd = s.split("-", -1);
        if (ymd.length != 3) {
            throw new IllegalArgumentException("not a date: " + text);
        }
        int year = Integer.parseInt(digits(ymd[0], text));
        if (bc) {
            year = 1 - year;
        }
        return LocalDate.of(year, Integer.parseInt(digits(ymd[1], text)), Integer.parseInt(digits(ymd[2], text)));
    }

    private static long clockNanos(String s, String text) {
        String[] hms = s.split(":", -1);
        if (hms.length < 2 || hms.length > 3) {
            throw new IllegalArgumentException("not a time: " + text);
        }
        long hour = Long.parseLong(digits(hms[0], text));
        long minute = Long.parseLong(digits(hms[1], text));
        long secNanos = hms.length == 3 ? secondsToNanos(hms[2], text) : 0;
        if (minute > 59 || secNanos >= 60_000_000_000L) {
            throw new IllegalArgumentException("field out of range in time: " + text);
        }
        long nanos = hour * 3_600_000_000_000L + minute * 60_000_000_000L + secNanos;
        if (hour > 24 || nanos > NANOS_PER_DAY) {
            throw new IllegalArgumentException("field out of range in time: " + text);
        }
        return nanos;
    }

    private static ZoneOffset offset(String s, String text) {
        boolean negative = s.charAt(0) == '-';
        String body = s.substring(1);
        int h;
        int m = 0;
        int sec = 0;
        if (body.indexOf(':') >= 0) {
            String[] p = body.split(":", -1);
            if (p.length > 3) {
                throw new IllegalArgumentException("bad time zone offset: " + text);
            }
            h = Integer.parseInt(digits(p[0], text));
            m = p.length > 1 ? Integer.parseInt(digits(p[1], text)) : 0;
            sec = p.length > 2 ? Integer.parseInt(digits(p[2], text)) : 0;
        } else {
            String d = digits(body, text);
            if (d.length() <= 2) {
                h = Integer.parseInt(d);
            } else if (d.length() == 4) {
                h = Integer.parseInt(d.substring(0, 2));
                m = Integer.parseInt(d.substring(2));
            } else {
                throw new IllegalArgumentException("bad time zone offset: " + text);
            }
        }
        return negative ? ZoneOffset.ofHoursMinutesSeconds(-h, -m, -sec) : ZoneOffset.ofHoursMinutesSeconds(h, m, sec);
    }

    private static String digits(String s, String text) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("missing digits in: " + text);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("unexpected '" + c + "' in: " + text);
            }
        }
        return s;
    }
}
