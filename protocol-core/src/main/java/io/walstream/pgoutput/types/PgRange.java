package io.walstream.pgoutput.types;

import java.util.Objects;

/**
 * A range value ({@code int4range}, {@code numrange}, {@code tsrange}, {@code tstzrange}, {@code daterange},
 * {@code int8range}): its bounds as the element type's Java value ({@link Integer}, {@link PgNumeric},
 * {@link java.time.LocalDateTime}, {@link java.time.OffsetDateTime}, {@link java.time.LocalDate},
 * {@link Long}), whether each is inclusive, and the empty range. An unbounded side has a {@code null} bound
 * and is never inclusive. Discrete ranges arrive canonicalized by the server ({@code (1,10]} as
 * {@code [2,11)}). {@link #toString()} prints the range as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable if the bounds are.
 *
 * @param <T> the bound type
 */
public final class PgRange<T> {
    private static final PgRange<?> EMPTY = new PgRange<>(null, null, false, false, true, null);

    private final T lower;
    private final T upper;
    private final boolean lowerInclusive;
    private final boolean upperInclusive;
    private final boolean empty;
    private final String text;

    private PgRange(T lower, T upper, boolean lowerInclusive, boolean upperInclusive, boolean empty, String text) {
        this.lower = lower;
        this.upper = upper;
        this.lowerInclusive = lowerInclusive && lower != null;
        this.upperInclusive = upperInclusive && upper != null;
        this.empty = empty;
        this.text = text;
    }

    /**
     * @param <T> the bound type
     * @return the empty range
     */
    @SuppressWarnings("unchecked")
    public static <T> PgRange<T> empty() {
        return (PgRange<T>) EMPTY;
    }

    /**
     * @param <T> the bound type
     * @param lower the lower bound, {@code null} for unbounded
     * @param lowerInclusive whether the lower bound is included (ignored when unbounded)
     * @param upper the upper bound, {@code null} for unbounded
     * @param upperInclusive whether the upper bound is included (ignored when unbounded)
     * @return the range
     */
    public static <T> PgRange<T> of(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {
        return new PgRange<>(lower, upper, lowerInclusive, upperInclusive, false, null);
    }

    static <T> PgRange<T> withText(PgRange<T> r, String text) {
        return r.empty ? r : new PgRange<>(r.lower, r.upper, r.lowerInclusive, r.upperInclusive, false, text);
    }

    /** @return whether the range is empty (then it has no bounds) */
    public boolean isEmpty() {
        return empty;
    }

    /** @return the lower bound, or {@code null} if unbounded below or empty */
    public T lower() {
        return lower;
    }

    /** @return the upper bound, or {@code null} if unbounded above or empty */
    public T upper() {
        return upper;
    }

    /** @return whether the lower bound is included ({@code [}) */
    public boolean lowerInclusive() {
        return lowerInclusive;
    }

    /** @return whether the upper bound is included ({@code ]}) */
    public boolean upperInclusive() {
        return upperInclusive;
    }

    /** @return whether the range is unbounded below (and not empty) */
    public boolean lowerUnbounded() {
        return !empty && lower == null;
    }

    /** @return whether the range is unbounded above (and not empty) */
    public boolean upperUnbounded() {
        return !empty && upper == null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PgRange)) {
            return false;
        }
        PgRange<?> r = (PgRange<?>) o;
        return empty == r.empty && lowerInclusive == r.lowerInclusive && upperInclusive == r.upperInclusive
                && Objects.equals(lower, r.lower) && Objects.equals(upper, r.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(empty, lower, upper, lowerInclusive, upperInclusive);
    }

    /** @return PostgreSQL's text form, e.g. {@code [2,11)}, {@code (,5]}, {@code empty} */
    @Override
    public String toString() {
        if (text != null) {
            return text;
        }
        if (empty) {
            return "empty";
        }
        StringBuilder sb = new StringBuilder().append(lowerInclusive ? '[' : '(');
        if (lower != null) {
            RangeTypes.escapeBound(lower.toString(), sb);
        }
        sb.append(',');
        if (upper != null) {
            RangeTypes.escapeBound(upper.toString(), sb);
        }
        return sb.append(upperInclusive ? ']' : ')').toString();
    }
}
