package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A PostgreSQL {@code numeric}: a finite decimal, {@code NaN}, {@code Infinity} or {@code -Infinity}
 * (the infinities exist since PostgreSQL 14). The four kinds are distinct: {@code NaN} is not infinite and
 * equals only itself, as in PostgreSQL.
 *
 * <p>Finite values keep their scale, so {@code 1.50} and {@code 1.5} are different {@code PgNumeric}s (PostgreSQL
 * also displays them differently); compare {@link #bigDecimalValue()} with {@code compareTo} for numeric
 * equality.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class PgNumeric {

    /** {@code NaN}. */
    public static final PgNumeric NAN = new PgNumeric(null, 0);
    /** {@code Infinity}. */
    public static final PgNumeric POSITIVE_INFINITY = new PgNumeric(null, 1);
    /** {@code -Infinity}. */
    public static final PgNumeric NEGATIVE_INFINITY = new PgNumeric(null, -1);

    private final BigDecimal value;
    private final int special;

    private PgNumeric(BigDecimal value, int special) {
        this.value = value;
        this.special = special;
    }

    /**
     * @param value a finite value
     * @return it as a {@code PgNumeric}
     */
    public static PgNumeric of(BigDecimal value) {
        return new PgNumeric(Objects.requireNonNull(value, "value"), 0);
    }

    /**
     * Parses PostgreSQL's text form: a decimal, {@code NaN}, {@code Infinity} or {@code -Infinity}
     * (case-insensitive, also {@code inf}, {@code +Infinity}).
     *
     * @param text the text
     * @return the value
     * @throws NumberFormatException if it is none of these
     */
    public static PgNumeric parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return NAN;
            case "infinity":
            case "+infinity":
            case "inf":
            case "+inf":
                return POSITIVE_INFINITY;
            case "-infinity":
            case "-inf":
                return NEGATIVE_INFINITY;
            default:
                return of(new BigDecimal(t));
        }
    }

    /** @return whether this is a finite decimal */
    public boolean isFinite() {
        return value != null;
    }

    /** @return whether this is {@code NaN} */
    public boolean isNaN() {
        return this == NAN;
    }

    /** @return whether this is {@code Infinity} or {@code -Infinity} */
    public boolean isInfinite() {
        return value == null && special != 0;
    }

    /**
     * @return the finite value
     * @throws ArithmeticException if this is {@code NaN} or infinite
     */
    public BigDecimal bigDecimalValue() {
        if (value == null) {
            throw new ArithmeticException(this + " has no BigDecimal value");
        }
        return value;
    }

    /** @return the value as a double: {@link Double#NaN} and the infinities map to their double forms */
    public double doubleValue() {
        if (value != null) {
            return value.doubleValue();
        }
        if (special == 0) {
            return Double.NaN;
        }
        return special > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PgNumeric)) {
            return false;
        }
        PgNumeric other = (PgNumeric) o;
        return special == other.special && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return value != null ? value.hashCode() : 31 + special;
    }

    /** @return PostgreSQL's text form: the plain decimal, {@code NaN}, {@code Infinity} or {@code -Infinity} */
    @Override
    public String toString() {
        if (value != null) {
            return value.toPlainString();
        }
        if (special == 0) {
            return "NaN";
        }
        return special > 0 ? "Infinity" : "-Infinity";
    }
}
