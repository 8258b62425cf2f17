package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;

/**
 * One PostgreSQL type's two wire formats and its canonical text: {@link #text} parses what the type's output
 * function printed, {@link #binary} reads what its send function wrote, and both give the same Java value for
 * the same datum; {@link #format} prints that value back exactly as the output function would. One family of
 * types lives in one small class that registers its codecs in {@link TypeCodecs}, so adding a type touches
 * one file.
 *
 * <p>Malformed input throws {@link IllegalArgumentException} (or {@link ArithmeticException},
 * {@link java.time.DateTimeException}, {@link java.nio.BufferUnderflowException}); {@link ValueDecoder}
 * wraps them with the column's facts.
 *
 * <p><b>Thread safety:</b> implementations are immutable.
 */
abstract class TypeCodec {

    /** @return the Java class of {@link #text}/{@link #binary} results (for documentation and checks) */
    abstract Class<?> javaType();

    /**
     * @param text the output function's text
     * @return the Java value
     */
    abstract Object text(String text);

    /**
     * @param data the send function's bytes, big-endian, position 0; fully consumed
     * @return the Java value
     */
    abstract Object binary(ByteBuffer data);

    /**
     * Appends the value as PostgreSQL's output function prints it ({@code DateStyle=ISO},
     * {@code IntervalStyle=postgres}, default {@code extra_float_digits}, {@code TimeZone=UTC},
     * {@code lc_monetary=C}, {@code bytea_output=hex}).
     *
     * @param value a value of {@link #javaType()}
     * @param out where to append
     */
    void format(Object value, StringBuilder out) {
        out.append(value);
    }

    /** @return the element delimiter of this type in array text ({@code ;} for box, else {@code ,}) */
    char arrayDelimiter() {
        return ',';
    }

    /** @return the canonical text of a value */
    final String format(Object value) {
        StringBuilder sb = new StringBuilder();
        format(value, sb);
        return sb.toString();
    }

    /** Reads the binary form and requires it to be consumed exactly. */
    final Object binaryExact(ByteBuffer data) {
        Object v = binary(data);
        if (data.hasRemaining()) {
            throw new IllegalArgumentException(data.remaining() + " trailing bytes");
        }
        return v;
    }
}
