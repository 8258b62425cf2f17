package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PostgreSQL's default float output ({@code extra_float_digits = 1}, PostgreSQL 12+): the shortest decimal that
 * reads back as the same value, in plain notation for decimal exponents from -4 up to 14 (float8) or 5
 * (float4) and as {@code d.ddde+XX} otherwise; {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0}.
 * Stateless.
 */
final class FloatText {

    private FloatText() {
    }

    static void formatDouble(double d, StringBuilder out) {
        if (special(d, out)) {
            return;
        }
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == d) {
                layout(r, 15, out);
                return;
            }
        }
        layout(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), 15, out);
    }

    static void formatFloat(float f, StringBuilder out) {
        if (special(f, out)) {
            return;
        }
        BigDecimal exact = new BigDecimal(f);
        for (int p = 1; p <= 9; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(r.toString()) == f) {
                layout(r, 6, out);
                return;
            }
        }
        layout(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)), 6, out);
    }

    private static boolean special(double d, StringBuilder out) {
        if (Double.isNaN(d)) {
            out.append("NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
        } else if (d == 0) {
            out.append(Double.doubleToRawLongBits(d) < 0 ? "-0" : "0");
        } else {
            return false;
        }
        return true;
    }

    private static void layout(BigDecimal r, int maxPlainExponent, StringBuilder out) {
        BigDecimal s = r.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - s.scale(); // decimal exponent of the first digit
        if (s.signum() < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= maxPlainExponent) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits);
            for (int i = digits.length(); i <= exponent; i++) {
                out.append('0');
            }
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
    }
}
