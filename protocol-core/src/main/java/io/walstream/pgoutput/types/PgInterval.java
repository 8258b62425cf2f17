package io.walstream.pgoutput.types;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;

/**
 * A PostgreSQL {@code interval}: separate months, days and microseconds, exactly as PostgreSQL stores it (a
 * month is not a fixed number of days, nor a day a fixed number of hours across DST changes).
 *
 * <p>PostgreSQL 17 added {@code infinity} and {@code -infinity} intervals, stored as all three fields at
 * their maximum or minimum; {@link #POSITIVE_INFINITY} and {@link #NEGATIVE_INFINITY} are those values.
 *
 * <p>{@link #toString()} renders PostgreSQL's default {@code IntervalStyle postgres} output, e.g.
 * {@code 1 year 2 mons 3 days 04:05:06.789} or {@code -00:00:01}; {@link #toIsoString()} renders ISO 8601.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param months the months part (years are 12 months)
 * @param days the days part
 * @param microseconds the time part in microseconds
 */
public record PgInterval(int months, int days, long microseconds) {

    /** The zero interval. */
    public static final PgInterval ZERO = new PgInterval(0, 0, 0);
    /** {@code infinity} (PostgreSQL 17+). */
    public static final PgInterval POSITIVE_INFINITY =
            new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    /** {@code -infinity} (PostgreSQL 17+). */
    public static final PgInterval NEGATIVE_INFINITY =
            new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;

    /**
     * @param months months
     * @param days days
     * @param microseconds microseconds
     * @return the interval
     */
    public static PgInterval of(int months, int days, long microseconds) {
        return new PgInterval(months, days, microseconds);
    }

    /**
     * @param period years, months and days (must fit in 32-bit months and days)
     * @param time the time part, truncated to microseconds
     * @return the interval
     */
    public static PgInterval of(Period period, Duration time) {
        return new PgInterval(Math.toIntExact(period.toTotalMonths()), period.getDays(),
                Math.addExact(Math.multiplyExact(time.getSeconds(), USECS_PER_SEC), time.getNano() / 1000));
    }

    /**
     * Parses {@code IntervalStyle postgres} and {@code postgres_verbose} text such as
     * {@code 1 year 2 mons -3 days +04:05:06.789}, {@code @ 1 day 2 hours ago} or {@code infinity}.
     *
     * @param text the text
     * @return the interval
     * @throws IllegalArgumentException if the text is not in one of these styles
     */
    public static PgInterval parse(String text) {
        return IntervalText.parse(text);
    }

    /** @return whether this is {@code infinity} or {@code -infinity} */
    public boolean isInfinite() {
        return equals(POSITIVE_INFINITY) || equals(NEGATIVE_INFINITY);
    }

    /** @return the whole years of the months part ({@code months / 12}, truncated toward zero) */
    public int years() {
        return months / 12;
    }

    /** @return the months part without whole years ({@code months % 12}, sign of {@code months}) */
    public int monthsOfYear() {
        return months % 12;
    }

    /** @return the months and days parts as a {@link Period} (normalized to years and months) */
    public Period toPeriod() {
        return Period.of(years(), monthsOfYear(), days);
    }

    /** @return the microseconds part alone as a {@link Duration} */
    public Duration timePart() {
        return Duration.of(microseconds, ChronoUnit.MICROS);
    }

    /**
     * Approximates the whole interval as a {@link Duration} the way PostgreSQL compares intervals: a month is
     * 30 days and a day 24 hours.
     *
     * @return the approximate duration
     * @throws ArithmeticException if this interval is infinite
     */
    public Duration toApproximateDuration() {
        if (isInfinite()) {
            throw new ArithmeticException("infinite interval has no duration");
        }
        return timePart().plusDays(30L * months + days);
    }

    /** @return ISO 8601 form, such as {@code P1Y2M3DT4H5M6.789S}; {@code infinity}/{@code -infinity} as is */
    public String toIsoString() {
        if (isInfinite()) {
            return toString();
        }
        StringBuilder sb = new StringBuilder("P");
        if (years() != 0) {
            sb.append(years()).append('Y');
        }
        if (monthsOfYear() != 0) {
            sb.append(monthsOfYear()).append('M');
        }
        if (days != 0) {
            sb.append(days).append('D');
        }
        if (microseconds != 0) {
            long hours = microseconds / USECS_PER_HOUR;
            long rest = microseconds - hours * USECS_PER_HOUR;
            long minutes = rest / USECS_PER_MINUTE;
            rest -= minutes * USECS_PER_MINUTE;
            sb.append('T');
            if (hours != 0) {
                sb.append(hours).append('H');
            }
            if (minutes != 0) {
                sb.append(minutes).append('M');
            }
            if (rest != 0) {
                if (rest < 0) {
                    sb.append('-');
                }
                long abs = Math.abs(rest);
                sb.append(abs / USECS_PER_SEC);
                appendFraction(sb, abs % USECS_PER_SEC);
                sb.append('S');
            }
        }
        return sb.length() == 1 ? "PT0S" : sb.toString();
    }

    /** @return PostgreSQL's {@code IntervalStyle postgres} text, as the server prints this interval */
    @Override
    public String toString() {
        if (equals(POSITIVE_INFINITY)) {
            return "infinity";
        }
        if (equals(NEGATIVE_INFINITY)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder();
        boolean[] state = {true, false}; // is_zero, is_before
        addPart(sb, years(), "year", state);
        addPart(sb, monthsOfYear(), "mon", state);
        addPart(sb, days, "day", state);
        long time = microseconds;
        long hour = time / USECS_PER_HOUR;
        time -= hour * USECS_PER_HOUR;
        long min = time / USECS_PER_MINUTE;
        time -= min * USECS_PER_MINUTE;
        long sec = time / USECS_PER_SEC;
        long fsec = time - sec * USECS_PER_SEC;
        if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            sb.append(state[0] ? "" : " ").append(minus ? "-" : state[1] ? "+" : "");
            pad2(sb, Math.abs(hour)).append(':');
            pad2(sb, Math.abs(min)).append(':');
            pad2(sb, Math.abs(sec));
            appendFraction(sb, Math.abs(fsec));
        }
        return sb.toString();
    }

    private static void addPart(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        sb.append(state[0] ? "" : " ").append(state[1] && value > 0 ? "+" : "").append(value).append(' ')
                .append(unit).append(value != 1 ? "s" : "");
        state[1] = value < 0;
        state[0] = false;
    }

    private static StringBuilder pad2(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        String f = String.format("%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }
}
