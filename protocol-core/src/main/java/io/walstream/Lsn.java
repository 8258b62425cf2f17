package io.walstream;

import java.util.Locale;

/**
 * A PostgreSQL WAL position (log sequence number): an unsigned 64-bit byte offset into the write-ahead log.
 *
 * <p>The text form is {@code H/L}: the high and low 32 bits in upper-case hexadecimal without padding, as
 * PostgreSQL 14–18 print it ({@code 0/16B3748}). {@link #parse} also accepts lower case and a low half padded
 * to eight digits, as the development branch prints it. Ordering is unsigned, so {@code FFFFFFFF/0} is after
 * {@code 0/1}. {@link #INVALID} ({@code 0/0}) is PostgreSQL's {@code InvalidXLogRecPtr}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param value the position as an unsigned 64-bit value
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** {@code 0/0}, PostgreSQL's invalid position. */
    public static final Lsn INVALID = new Lsn(0L);

    /**
     * @param value the position as an unsigned 64-bit value
     * @return the LSN
     */
    public static Lsn of(long value) {
        return value == 0 ? INVALID : new Lsn(value);
    }

    /**
     * Parses {@code H/L}, each half 1–8 hexadecimal digits.
     *
     * @param text the text form
     * @return the LSN
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN text is null");
        }
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("Not an LSN (expected H/L with 1-8 hex digits each): \"" + text + "\"");
        }
        long hi = parseHalf(text, 0, slash);
        long lo = parseHalf(text, slash + 1, text.length());
        return of((hi << 32) | lo);
    }

    private static long parseHalf(String text, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            // ASCII only, like PostgreSQL's pg_lsn input: Character.digit alone also accepts e.g. full-width digits
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw new IllegalArgumentException("Not an LSN (bad hex digit '" + text.charAt(i) + "'): \"" + text + "\"");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** @return {@code false} only for {@link #INVALID} */
    public boolean isValid() {
        return value != 0;
    }

    /**
     * @param bytes a byte count, may be negative
     * @return this position moved by {@code bytes}
     */
    public Lsn plus(long bytes) {
        return of(value + bytes);
    }

    /**
     * @param other another position
     * @return whether this position is strictly after {@code other}, unsigned
     */
    public boolean isAfter(Lsn other) {
        return Long.compareUnsigned(value, other.value) > 0;
    }

    /**
     * @param other another position
     * @return whether this position is strictly before {@code other}, unsigned
     */
    public boolean isBefore(Lsn other) {
        return Long.compareUnsigned(value, other.value) < 0;
    }

    /**
     * @param a a position
     * @param b another position
     * @return the later of the two (unsigned)
     */
    public static Lsn max(Lsn a, Lsn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** @return the {@code H/L} text form, e.g. {@code 16/B374D848} */
    @Override
    public String toString() {
        return Integer.toHexString((int) (value >>> 32)).toUpperCase(Locale.ROOT) + '/'
                + Integer.toHexString((int) value).toUpperCase(Locale.ROOT);
    }
}
