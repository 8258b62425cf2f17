package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A {@link TypeCodec} made of three functions, for the many types whose formats are a few lines each. */
class SimpleCodec extends TypeCodec {
    private final Class<?> javaType;
    private final Function<String, Object> text;
    private final Function<ByteBuffer, Object> binary;
    private final BiConsumer<Object, StringBuilder> format;

    SimpleCodec(Class<?> javaType, Function<String, Object> text, Function<ByteBuffer, Object> binary,
            BiConsumer<Object, StringBuilder> format) {
        this.javaType = javaType;
        this.text = text;
        this.binary = binary;
        this.format = format;
    }

    /** A codec whose canonical text is {@code String.valueOf(value)}. */
    static SimpleCodec of(Class<?> javaType, Function<String, Object> text, Function<ByteBuffer, Object> binary) {
        return new SimpleCodec(javaType, text, binary, (v, sb) -> sb.append(v));
    }

    @Override
    Class<?> javaType() {
        return javaType;
    }

    @Override
    Object text(String t) {
        return text.apply(t);
    }

    @Override
    Object binary(ByteBuffer data) {
        return binary.apply(data);
    }

    @Override
    void format(Object value, StringBuilder out) {
        format.accept(value, out);
    }
}
