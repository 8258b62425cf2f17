package io.walstream.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Allocation-free readers of PostgreSQL's text output straight from UTF-8 bytes, for the primitive column
 * accessors: integers, simple decimals, booleans, and ISO dates and timestamps as epoch values. Each reads
 * exactly the form PostgreSQL prints; on anything else it throws the shared, stackless {@link #NOT_FAST}, and
 * the caller falls back to the general (allocating) parser, which accepts more and reports errors properly.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class TextScan {

    /** Thrown (one shared instance, no stack trace) when the bytes are not in the fast form. */
    public static final RuntimeException NOT_FAST = new RuntimeException("not in the fast form", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    public static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Microseconds per unit of a fraction of n digits: {@code .5} is 500000 µs, {@code .123456} is 123456. */
    private static final long[] FRACTION_SCALE = {0, 100_000, 10_000, 1_000, 100, 10, 1};

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TextScan() {
    }

    /**
     * Whether {@code a[off, off + len)} is all ASCII (every byte below 0x80), eight bytes at a time. ASCII bytes
     * are the same characters in UTF-8 and ISO-8859-1, so such text decodes by a plain copy and can contain
     * nothing to replace.
     *
     * @return whether no byte has its high bit set
     */
    public static boolean isAscii(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        long bits = 0;
        for (; i <= end - 8; i += 8) {
            bits |= (long) LONGS.get(a, i);
        }
        for (; i < end; i++) {
            bits |= a[i]; // a negative byte sign-extends: its high bits set 0x80 too
        }
        return (bits & 0x8080_8080_8080_8080L) == 0;
    }

    /** @return the integer {@code [-+]digits}, within long range */
    public static long parseLong(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (a[i] == '-' || a[i] == '+')) {
            negative = a[i] == '-';
            i++;
        }
        if (i == end || end - i > 19) {
            throw NOT_FAST;
        }
        if (end - i <= 18) { // cannot overflow: no check per digit
            long v = 0;
            for (; i <= end - 8; i += 8) { // eight digits at a time
                v = v * 100_000_000L + eightDigits(a, i);
            }
            for (; i < end; i++) {
                int d = a[i] - '0';
                if (d < 0 || d > 9) {
                    throw NOT_FAST;
                }
                v = v * 10 + d;
            }
            return negative ? -v : v;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                throw NOT_FAST;
            }
            v = v * 10 - d; // accumulate negatively: Long.MIN_VALUE fits
            if (v > 0) {
                throw NOT_FAST;
            }
        }
        if (!negative && v == Long.MIN_VALUE) {
            throw NOT_FAST;
        }
        return negative ? v : -v;
    }

    /**
     * Eight ASCII digits {@code a[at, at + 8)} as a number, with one check for all of them (SWAR: the bytes as
     * one little-endian long, combined pairwise by three multiplies).
     *
     * @return 0 to 99,999,999
     */
    static long eightDigits(byte[] a, int at) {
        long x = (long) LONGS.get(a, at) - 0x3030_3030_3030_3030L; // '0' -> 0 in every byte
        // every byte 0..9: no borrow went below 0 (high bit clear) and adding 0x76 does not reach 0x80
        if (((x | (x + 0x7676_7676_7676_7676L)) & 0x8080_8080_8080_8080L) != 0) {
            throw NOT_FAST;
        }
        return combineEight(x);
    }

    /** @return the number whose eight decimal digits are the bytes of {@code x}, most significant first (byte 0) */
    private static long combineEight(long x) {
        x = (x * 10) + (x >>> 8); // pairs: bytes 0, 2, 4, 6 hold d0d1, d2d3, d4d5, d6d7
        return (((x & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32)))
                + (((x >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /**
     * A decimal {@code [-]digits[.digits][e[+-]digits]} with at most 15 significant digits and a small exponent,
     * computed exactly (one rounding, as {@link Double#parseDouble} would give); {@code NaN},
     * {@code Infinity}, {@code -Infinity}.
     *
     * @return the double
     */
    public static double parseDouble(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && a[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i == 3 && a[i] == 'N' && a[i + 1] == 'a' && a[i + 2] == 'N' && !negative) {
            return Double.NaN;
        }
        if (end - i == 8 && a[i] == 'I' && a[i + 1] == 'n' && a[i + 7] == 'y') {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = a[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa != 0 || c != '0') {
                    if (++digits > 15) {
                        throw NOT_FAST;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                }
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (!any) {
            throw NOT_FAST;
        }
        int exponent = 0;
        if (i < end) {
            if (a[i] != 'e' && a[i] != 'E') {
                throw NOT_FAST;
            }
            exponent = (int) parseLong(a, i + 1, end - i - 1);
        }
        int e10 = exponent - scale;
        if (e10 < -22 || e10 > 22) {
            throw NOT_FAST;
        }
        double v = e10 < 0 ? mantissa / POW10[-e10] : mantissa * POW10[e10];
        return negative ? -v : v;
    }

    /**
     * A plain decimal {@code [-]digits[.digits]} of at most 18 significant digits, as PostgreSQL prints a finite numeric.
     *
     * @return its digits without the point, as a long (the unscaled value); see {@link #decimalScale}
     */
    public static long parseUnscaled(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && a[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        int digits = 0;
        int significant = 0;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = a[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (v != 0 || c != '0') {
                    if (++significant > 18) {
                        throw NOT_FAST;
                    }
                    v = v * 10 + (c - '0');
                }
            } else if (c == '.' && !dot && digits > 0 && i + 1 < end) {
                dot = true;
            } else {
                throw NOT_FAST;
            }
        }
        if (digits == 0) {
            throw NOT_FAST;
        }
        return negative ? -v : v;
    }

    /** @return the number of digits after the point of a decimal accepted by {@link #parseUnscaled} */
    public static int decimalScale(byte[] a, int off, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            if (a[i] == '.') {
                return off + len - 1 - i;
            }
        }
        return 0;
    }

    /** @return {@code t/true/f/false} as PostgreSQL prints booleans ({@code t}, {@code f}) */
    public static boolean parseBoolean(byte[] a, int off, int len) {
        if (len == 1 && a[off] == 't') {
            return true;
        }
        if (len == 1 && a[off] == 'f') {
            return false;
        }
        throw NOT_FAST;
    }

    /**
     * An ISO date or timestamp as PostgreSQL prints it ({@code DateStyle=ISO}): {@code YYYY-MM-DD}, optionally
     * {@code  HH:MM:SS[.ffffff]}, optionally an offset {@code ±HH[:MM[:SS]]}, optionally {@code  BC};
     * {@code infinity} and {@code -infinity} are {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}.
     *
     * @return microseconds since 1970-01-01 00:00 UTC (a value without offset is read as UTC)
     */
    public static long parseEpochMicros(byte[] a, int off, int len) {
        try {
            return epochMicros(a, off, len);
        } catch (ArithmeticException e) {
            throw NOT_FAST; // beyond the long range of epoch microseconds (after 294247 AD)
        }
    }

    private static long epochMicros(byte[] a, int off, int len) {
        int end = off + len;
        if (len >= 19 && a[off + 4] == '-' && a[off + 10] == ' ' && a[end - 1] != 'C') {
            return isoTimestamp(a, off, end); // the common shape: four-digit year AD, with a time of day
        }
        return generalEpochMicros(a, off, end);
    }

    private static long generalEpochMicros(byte[] a, int off, int end) {
        int len = end - off;
        if (len == 8 && a[off] == 'i' && a[off + 7] == 'y') {
            return Long.MAX_VALUE;
        }
        if (len == 9 && a[off] == '-' && a[off + 1] == 'i' && a[off + 8] == 'y') {
            return Long.MIN_VALUE;
        }
        boolean bc = len > 3 && a[end - 3] == ' ' && a[end - 2] == 'B' && a[end - 1] == 'C';
        if (bc) {
            end -= 3;
        }
        int i = off;
        long year = 0;
        int yd = 0;
        while (i < end && a[i] >= '0' && a[i] <= '9') {
            year = year * 10 + (a[i++] - '0');
            if (++yd > 7) {
                throw NOT_FAST;
            }
        }
        if (yd < 4 || i + 6 > end || a[i] != '-' || a[i + 3] != '-') {
            throw NOT_FAST;
        }
        int month = two(a, i + 1);
        int day = two(a, i + 4);
        i += 6;
        if (bc) {
            year = 1 - year;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw NOT_FAST;
        }
        long micros = Math.multiplyExact(daysFromCivil(year, month, day), MICROS_PER_DAY);
        if (i == end) {
            return micros;
        }
        if (a[i] != ' ' || i + 9 > end || a[i + 3] != ':' || a[i + 6] != ':') {
            throw NOT_FAST;
        }
        int hour = two(a, i + 1);
        int minute = two(a, i + 4);
        int second = two(a, i + 7);
        if (hour > 23 || minute > 59 || second > 59) {
            throw NOT_FAST;
        }
        micros = Math.addExact(micros, ((hour * 60L + minute) * 60L + second) * 1_000_000L);
        i += 9;
        if (i < end && a[i] == '.') {
            i++;
            int start = i;
            int fraction = 0;
            while (i < end && a[i] >= '0' && a[i] <= '9') {
                if (i - start >= 6) {
                    throw NOT_FAST;
                }
                fraction = fraction * 10 + (a[i++] - '0');
            }
            if (i == start) {
                throw NOT_FAST;
            }
            micros = Math.addExact(micros, fraction * FRACTION_SCALE[i - start]); // one multiply, no division
        }
        if (i < end) {
            if (a[i] != '+' && a[i] != '-' || i + 3 > end) {
                throw NOT_FAST;
            }
            int sign = a[i] == '-' ? -1 : 1;
            int hours = two(a, i + 1);
            if (hours > 15) {
                throw NOT_FAST; // PostgreSQL prints offsets up to 15:59:59
            }
            int seconds = hours * 3600;
            i += 3;
            if (i < end) {
                if (a[i] != ':' || i + 3 > end || two(a, i + 1) > 59) {
                    throw NOT_FAST;
                }
                seconds += two(a, i + 1) * 60;
                i += 3;
            }
            if (i < end) {
                if (a[i] != ':' || i + 3 != end || two(a, i + 1) > 59) {
                    throw NOT_FAST;
                }
                seconds += two(a, i + 1);
                i += 3;
            }
            micros = Math.subtractExact(micros, sign * seconds * 1_000_000L);
        }
        if (i != end) {
            throw NOT_FAST;
        }
        return micros;
    }

    /** Little-endian {@code "0000-00-"} and {@code "00 00:00"}: the fixed layout's separators, digits as '0'. */
    private static final long DATE_PATTERN = 0x2D30_302D_3030_3030L;
    private static final long TIME_PATTERN = 0x3030_3A30_3020_3030L;

    /** Days in each month of a common year, index 1..12. */
    private static final int[] MONTH_DAYS = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /**
     * {@code YYYY-MM-DD HH:MM:SS[.f{1,6}][±HH[:MM[:SS]]]}, the shape PostgreSQL prints with {@code DateStyle=ISO}
     * for years 1000 to 9999 AD: the first 16 bytes checked and read as two longs, the rest byte by byte. Any
     * other shape (BC, five-digit years, more fraction digits, out-of-range fields) takes the general reader,
     * which decides.
     */
    private static long isoTimestamp(byte[] a, int off, int end) {
        // '0'..'9' -> 0..9 and each separator -> 0; then every byte must be 0..9 (see eightDigits)
        long d = (long) LONGS.get(a, off) ^ DATE_PATTERN;
        long t = (long) LONGS.get(a, off + 8) ^ TIME_PATTERN;
        if ((((d | (d + 0x7676_7676_7676_7676L)) | (t | (t + 0x7676_7676_7676_7676L))) & 0x8080_8080_8080_8080L) != 0
                || a[off + 16] != ':') {
            return general(a, off, end);
        }
        // separators XOR to 0 only if they matched, and a matched separator reads as digit 0: check them apart
        if (a[off + 7] != '-' || a[off + 13] != ':') {
            return general(a, off, end);
        }
        d = d * 10 + (d >>> 8); // byte 0: Y1Y2, byte 2: Y3Y4, byte 5: M1M2
        t = t * 10 + (t >>> 8); // byte 0: D1D2, byte 3: H1H2, byte 6: M1M2
        int year = (int) (d & 0xFF) * 100 + (int) ((d >>> 16) & 0xFF);
        int month = (int) ((d >>> 40) & 0xFF);
        int day = (int) (t & 0xFF);
        int hour = (int) ((t >>> 24) & 0xFF);
        int minute = (int) ((t >>> 48) & 0xFF);
        int s1 = a[off + 17] - '0';
        int s2 = a[off + 18] - '0';
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month]
                        && !(month == 2 && day == 29 && isLeap(year))
                || hour > 23 || minute > 59 || s1 < 0 || s1 > 5 || s2 < 0 || s2 > 9) {
            return general(a, off, end);
        }
        long seconds = ((hour * 60L + minute) * 60L + s1 * 10 + s2) + (monthStart(year, month) + day - 1) * 86_400L;
        int i = off + 19;
        int micros = 0;
        if (i < end && a[i] == '.') {
            int k;
            if (++i + 8 <= a.length) { // the fraction's digits found and read as one long
                long x = (long) LONGS.get(a, i) ^ 0x3030_3030_3030_3030L;
                long notDigit = (x | (x + 0x7676_7676_7676_7676L)) & 0x8080_8080_8080_8080L; // exact up to the first
                k = Math.min(Long.numberOfTrailingZeros(notDigit) >>> 3, end - i);
                if (k == 0 || k > 6) {
                    return general(a, off, end);
                }
                micros = (int) combineEight(x << ((8 - k) << 3)); // the k digits after k leading zeros
            } else { // near the end of the array: byte by byte
                k = 0;
                while (i + k < end && k < 7 && a[i + k] >= '0' && a[i + k] <= '9') {
                    micros = micros * 10 + (a[i + k] - '0');
                    k++;
                }
                if (k == 0 || k > 6) {
                    return general(a, off, end);
                }
            }
            micros *= (int) FRACTION_SCALE[k];
            i += k;
        }
        if (i < end) {
            byte sign = a[i];
            if (sign != '+' && sign != '-' || i + 3 > end) {
                return general(a, off, end);
            }
            int h1 = a[i + 1] - '0';
            int h2 = a[i + 2] - '0';
            if (h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9) {
                return general(a, off, end);
            }
            int hours = h1 * 10 + h2;
            int offset = hours * 3600;
            i += 3;
            if (i < end) {
                if (a[i] != ':' || i + 3 > end) {
                    return general(a, off, end);
                }
                int minutes = two(a, i + 1);
                offset += minutes * 60;
                i += 3;
                if (i < end) {
                    if (a[i] != ':' || i + 3 != end) {
                        return general(a, off, end);
                    }
                    int offsetSeconds = two(a, i + 1);
                    if (offsetSeconds > 59) {
                        return general(a, off, end);
                    }
                    offset += offsetSeconds;
                    i += 3;
                }
                if (minutes > 59) {
                    return general(a, off, end);
                }
            }
            if (hours > 15) {
                return general(a, off, end); // PostgreSQL prints offsets up to 15:59:59; the general reader decides
            }
            seconds -= sign == '-' ? -offset : offset;
        }
        if (i != end) {
            return general(a, off, end);
        }
        return seconds * 1_000_000L + micros;
    }

    private static long general(byte[] a, int off, int end) {
        return generalEpochMicros(a, off, end);
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /**
     * The first day of the month last asked for, {@code (year * 16 + month) << 32 | epoch day}: a stream's
     * timestamps mostly fall in one month. A racy cache of one immutable {@code long}: always a consistent pair.
     */
    private static volatile long lastMonth;

    /** @return days since 1970-01-01 of the first day of the month (years 1 to 9999 AD) */
    private static long monthStart(int year, int month) {
        long last = lastMonth;
        long key = year * 16L + month;
        if (last >>> 32 == key) {
            return (int) last;
        }
        long days = daysFromCivilAd(year, month, 1);
        lastMonth = key << 32 | (days & 0xFFFF_FFFFL);
        return days;
    }

    /** {@link #daysFromCivil} for years 1 to 9999 AD: no negative years, so no floor division. */
    static long daysFromCivilAd(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = y / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }

    private static int two(byte[] a, int at) {
        int h = a[at] - '0';
        int l = a[at + 1] - '0';
        if (h < 0 || h > 9 || l < 0 || l > 9) {
            throw NOT_FAST;
        }
        return h * 10 + l;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    public static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
