package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * Decodes {@code numeric_send} output: int16 ndigits, int16 weight, uint16 sign, int16 dscale, then ndigits
 * base-10000 int16 digits, the first one {@code weight} places left of the decimal point. Stateless.
 */
final class NumericBinary {

    static final int POS = 0x0000;
    static final int NEG = 0x4000;
    static final int NAN = 0xC000;
    static final int PINF = 0xD000;
    static final int NINF = 0xF000;

    private NumericBinary() {
    }

    static PgNumeric decode(ByteBuffer b) {
        if (b.remaining() < 8) {
            throw new IllegalArgumentException("numeric needs at least 8 bytes");
        }
        int p = b.position();
        int ndigits = b.getShort(p);
        int weight = b.getShort(p + 2);
        int sign = b.getShort(p + 4) & 0xffff;
        int dscale = b.getShort(p + 6) & 0x3fff;
        if (ndigits < 0 || b.remaining() != 8 + 2 * ndigits) {
            throw new IllegalArgumentException(
                    "numeric with " + ndigits + " digits must be " + (8 + 2 * Math.max(0, ndigits)) + " bytes");
        }
        switch (sign) {
            case NAN:
                return PgNumeric.NAN;
            case PINF:
                return PgNumeric.POSITIVE_INFINITY;
            case NINF:
                return PgNumeric.NEGATIVE_INFINITY;
            case POS:
            case NEG:
                break;
            default:
                throw new IllegalArgumentException(String.format("invalid numeric sign 0x%04x", sign));
        }
        if (ndigits == 0) {
            return PgNumeric.of(BigDecimal.ZERO.setScale(dscale));
        }
        BigInteger unscaled;
        if (ndigits <= 4) {
            long v = 0;
            for (int i = 0; i < ndigits; i++) {
                v = v * 10000 + digit(b, p + 8 + 2 * i);
            }
            unscaled = BigInteger.valueOf(v);
        } else {
            StringBuilder sb = new StringBuilder(ndigits * 4);
            for (int i = 0; i < ndigits; i++) {
                int d = digit(b, p + 8 + 2 * i);
                String s = Integer.toString(d);
                for (int k = s.length(); k < 4; k++) {
                    sb.append('0');
                }
                sb.append(s);
            }
            unscaled = new BigInteger(sb.toString());
        }
        if (sign == NEG) {
            unscaled = unscaled.negate();
        }
        BigDecimal v = new BigDecimal(unscaled, Math.multiplyExact(ndigits - 1 - weight, 4));
        if (v.scale() != dscale) {
            v = v.setScale(dscale, RoundingMode.HALF_UP);
        }
        return PgNumeric.of(v);
    }

    private static int digit(ByteBuffer b, int at) {
        int d = b.getShort(at);
        if (d < 0 || d > 9999) {
            throw new IllegalArgumentException("invalid numeric digit " + d);
        }
        return d;
    }
}
