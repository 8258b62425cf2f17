package io.walstream.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Readers of PostgreSQL's text output straight from UTF-8 bytes into the result object, without the
 * intermediate {@code String}s of the general parsers: plain decimals of up to 36 significant digits and ISO
 * {@code timestamptz}. Like {@link TextScan}, each reads exactly the form PostgreSQL prints and throws the
 * shared {@link TextScan#NOT_FAST} on anything else, so that the caller takes the general parser; where both
 * accept a value, the results are equal.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class TextObjects {

    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /**
     * The offset last parsed: a session prints one offset (or two, across daylight saving time), and
     * {@link ZoneOffset#ofTotalSeconds}'s own cache is a concurrent map lookup per call. A racy read is fine: the
     * value is immutable and checked before use.
     */
    private static volatile ZoneOffset lastOffset = ZoneOffset.UTC;

    private TextObjects() {
    }

    /**
     * A plain decimal {@code [-]digits[.digits]} of at most 36 significant digits, as PostgreSQL prints a finite
     * numeric; the scale is the number of digits after the point ({@code 1.50} has scale 2), as with
     * {@code new BigDecimal(String)}.
     *
     * @return the decimal
     */
    public static BigDecimal parseDecimal(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && a[i] == '-';
        if (negative) {
            i++;
        }
        if (len <= 18) {
            return shortDecimal(a, i, end, negative);
        }
        long hi = 0;
        long lo = 0;
        int loDigits = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = a[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (dot) {
                    scale++;
                }
                if (significant > 0 || c != '0') {
                    significant++;
                    if (significant <= 18) {
                        hi = hi * 10 + (c - '0');
                    } else if (significant <= 36) {
                        lo = lo * 10 + (c - '0');
                        loDigits++;
                    } else {
                        throw TextScan.NOT_FAST;
                    }
                }
            } else if (c == '.' && !dot && digits > 0 && i + 1 < end) {
                dot = true;
            } else {
                throw TextScan.NOT_FAST;
            }
        }
        if (digits == 0) {
            throw TextScan.NOT_FAST;
        }
        if (loDigits == 0) {
            return BigDecimal.valueOf(negative ? -hi : hi, scale);
        }
        // unscaled = hi * 10^loDigits + lo < 10^36 < 2^120, as a 128-bit (high, low) pair
        long p = POW10[loDigits];
        long low = hi * p;
        long high = Math.multiplyHigh(hi, p);
        long sum = low + lo;
        if (Long.compareUnsigned(sum, low) < 0) {
            high++;
        }
        low = sum;
        if (high == 0 && low >= 0) {
            return BigDecimal.valueOf(negative ? -low : low, scale);
        }
        byte[] magnitude = new byte[16];
        for (int k = 0; k < 8; k++) {
            magnitude[k] = (byte) (high >>> (56 - 8 * k));
            magnitude[8 + k] = (byte) (low >>> (56 - 8 * k));
        }
        return new BigDecimal(new BigInteger(negative ? -1 : 1, magnitude), scale);
    }

    /**
     * {@link #parseDecimal} of at most 18 characters: at most 18 digits, so the unscaled value fits a long
     * without a check per digit. The same rules: digits before and after a point, no exponent.
     */
    private static BigDecimal shortDecimal(byte[] a, int start, int end, boolean negative) {
        long v = 0;
        int dot = -1;
        for (int i = start; i < end; i++) {
            int d = a[i] - '0';
            if (d >= 0 && d <= 9) {
                v = v * 10 + d;
            } else if (a[i] == '.' && dot < 0) {
                dot = i;
            } else {
                throw TextScan.NOT_FAST;
            }
        }
        if (start == end || dot == start || dot == end - 1) {
            throw TextScan.NOT_FAST; // no digits, or none before or after the point
        }
        return BigDecimal.valueOf(negative ? -v : v, dot < 0 ? 0 : end - 1 - dot);
    }

    /**
     * A {@code timestamptz} as PostgreSQL prints it with {@code DateStyle=ISO}:
     * {@code YYYY-MM-DD HH:MM:SS[.f{1,9}]±HH[:MM[:SS]]} with a four-digit year (no {@code BC}, no
     * {@code 24:00:00}, no infinity: those take the general parser).
     *
     * @return the date-time at the printed offset
     */
    public static OffsetDateTime parseTimestamptz(byte[] a, int off, int len) {
        int end = off + len;
        if (len < 22 || a[off + 4] != '-' || a[off + 7] != '-' || a[off + 10] != ' ' || a[off + 13] != ':'
                || a[off + 16] != ':') {
            throw TextScan.NOT_FAST;
        }
        int year = two(a, off) * 100 + two(a, off + 2);
        int month = two(a, off + 5);
        int day = two(a, off + 8);
        int hour = two(a, off + 11);
        int minute = two(a, off + 14);
        int second = two(a, off + 17);
        if (hour > 23 || minute > 59 || second > 59) {
            throw TextScan.NOT_FAST;
        }
        int i = off + 19;
        int nanos = 0;
        if (a[i] == '.') {
            i++;
            int start = i;
            int scale = 100_000_000;
            while (i < end && a[i] >= '0' && a[i] <= '9') {
                if (i - start >= 9) {
                    throw TextScan.NOT_FAST;
                }
                nanos += (a[i++] - '0') * scale;
                scale /= 10;
            }
            if (i == start) {
                throw TextScan.NOT_FAST;
            }
        }
        if (i + 3 > end || a[i] != '+' && a[i] != '-') {
            throw TextScan.NOT_FAST;
        }
        int sign = a[i] == '-' ? -1 : 1;
        int oh = two(a, i + 1);
        int om = 0;
        int os = 0;
        i += 3;
        if (i < end) {
            if (a[i] != ':' || i + 3 > end) {
                throw TextScan.NOT_FAST;
            }
            om = two(a, i + 1);
            i += 3;
        }
        if (i < end) {
            if (a[i] != ':' || i + 3 != end) {
                throw TextScan.NOT_FAST;
            }
            os = two(a, i + 1);
            i += 3;
        }
        if (i != end) {
            throw TextScan.NOT_FAST;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos),
                    offset(sign * oh, sign * om, sign * os));
        } catch (DateTimeException e) {
            throw TextScan.NOT_FAST; // e.g. February 30: the general parser reports it
        }
    }

    private static ZoneOffset offset(int hours, int minutes, int seconds) {
        ZoneOffset last = lastOffset;
        if (hours >= -18 && hours <= 18 && minutes >= -59 && minutes <= 59 && seconds >= -59 && seconds <= 59
                && last.getTotalSeconds() == hours * 3600 + minutes * 60 + seconds) {
            return last;
        }
        ZoneOffset z = ZoneOffset.ofHoursMinutesSeconds(hours, minutes, seconds);
        lastOffset = z;
        return z;
    }

    private static int two(byte[] a, int at) {
        int h = a[at] - '0';
        int l = a[at + 1] - '0';
        if (h < 0 || h > 9 || l < 0 || l > 9) {
            throw TextScan.NOT_FAST;
        }
        return h * 10 + l;
    }
}
