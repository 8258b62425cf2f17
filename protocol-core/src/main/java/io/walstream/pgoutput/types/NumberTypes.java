package io.walstream.pgoutput.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Codecs of the number family: {@code int2} ({@link Short}), {@code int4} ({@link Integer}), {@code int8}
 * ({@link Long}), {@code float4} ({@link Float}), {@code float8} ({@link Double}), {@code numeric}
 * ({@link PgNumeric}) and {@code money} ({@link BigDecimal} with scale 2; text read in a locale that prints
 * {@code .} as decimal point, such as {@code C} or {@code en_US}, printed as in {@code lc_monetary=C}).
 * Stateless.
 */
final class NumberTypes {

    private NumberTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.INT2, SimpleCodec.of(Short.class, t -> Short.parseShort(t.trim()),
                ByteBuffer::getShort));
        codecs.put(BuiltinTypes.INT4, SimpleCodec.of(Integer.class, t -> Integer.parseInt(t.trim()),
                ByteBuffer::getInt));
        codecs.put(BuiltinTypes.INT8, SimpleCodec.of(Long.class, t -> Long.parseLong(t.trim()),
                ByteBuffer::getLong));
        codecs.put(BuiltinTypes.FLOAT4, new SimpleCodec(Float.class, t -> Float.parseFloat(floatText(t)),
                ByteBuffer::getFloat, (v, sb) -> FloatText.formatFloat((Float) v, sb)));
        codecs.put(BuiltinTypes.FLOAT8, new SimpleCodec(Double.class, t -> Double.parseDouble(floatText(t)),
                ByteBuffer::getDouble, (v, sb) -> FloatText.formatDouble((Double) v, sb)));
        codecs.put(BuiltinTypes.NUMERIC, SimpleCodec.of(PgNumeric.class, t -> PgNumeric.parse(t.trim()),
                b -> {
                    PgNumeric n = NumericBinary.decode(b); // reads by absolute index: the whole buffer
                    b.position(b.limit());
                    return n;
                }));
        codecs.put(BuiltinTypes.MONEY, new SimpleCodec(BigDecimal.class, NumberTypes::parseMoney,
                b -> BigDecimal.valueOf(b.getLong(), 2), (v, sb) -> formatMoney((BigDecimal) v, sb)));
    }

    /** PostgreSQL's float spellings to Java's, refusing Java-only syntax (hex, type suffixes). */
    static String floatText(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("nan")) {
            return "NaN";
        }
        if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity") || t.equalsIgnoreCase("inf")) {
            return "Infinity";
        }
        if (t.equalsIgnoreCase("-infinity") || t.equalsIgnoreCase("-inf")) {
            return "-Infinity";
        }
        for (int i = 0; i < t.length(); i++) {
            char c = Character.toLowerCase(t.charAt(i));
            if (c == 'x' || c == 'p' || c == 'd' || c == 'f' || c == 'l' || c == 'n' || c == 'i') {
                throw new NumberFormatException("not a float: " + t);
            }
        }
        return t;
    }

    /** {@code $1,234.56}, {@code -$0.01}, {@code ($1.00)}, {@code 1234.56}: digits and one {@code .} count. */
    static BigDecimal parseMoney(String text) {
        String t = text.trim();
        boolean negative = t.startsWith("-") || t.startsWith("(") && t.endsWith(")");
        StringBuilder digits = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9' || c == '.') {
                digits.append(c);
            }
        }
        if (digits.length() == 0) {
            throw new NumberFormatException("no digits in money text");
        }
        BigDecimal v = new BigDecimal(digits.toString());
        if (v.scale() < 2) {
            v = v.setScale(2);
        }
        return negative ? v.negate() : v;
    }

    /** {@code cash_out} in {@code lc_monetary=C}: {@code $}, {@code ,} every three digits, two decimals. */
    static void formatMoney(BigDecimal v, StringBuilder out) {
        BigDecimal s = v.setScale(2, java.math.RoundingMode.UNNECESSARY);
        if (s.signum() < 0) {
            out.append('-');
        }
        String plain = s.abs().toPlainString();
        int dot = plain.indexOf('.');
        out.append('$');
        for (int i = 0; i < dot; i++) {
            if (i > 0 && (dot - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        out.append(plain, dot, plain.length());
    }
}
