package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The checks and helpers every {@link ValueDecoder} conversion shares: NULL and unchanged-TOAST handling, the
 * error with the column's facts, views of the value's bytes, and {@link #typed}, the one skeleton of the object
 * getters (binary by the type's {@link TypeCodec} from the {@link TypeCodecs} table, text by a parser).
 * Stateless.
 */
final class Values {

    static final String NOT_SENT = "the value was not sent: it is an unchanged TOASTed value, which "
            + "pgoutput omits unless it changed (it is not NULL)";

    private Values() {
    }

    static TypeCodec codecOf(ValueSource value) {
        TypeCodec codec = TypeCodecs.forOid(value.formatOid());
        if (codec != null) {
            return codec;
        }
        String name = value.typeName();
        int dot = name == null ? -1 : name.lastIndexOf('.');
        if (name != null && name.startsWith("_", dot + 1)) {
            return TypeCodecs.UNKNOWN_ARRAY;
        }
        return null;
    }

    static Object decode(TypeCodec codec, ValueSource value) {
        return value.isBinary() ? codec.binaryExact(buffer(value)) : codec.text(text(value));
    }

    static ValueConversionException malformed(ValueSource value, Class<?> target, RuntimeException e) {
        return fail(value, target, "malformed " + (value.isBinary() ? "binary " : "text ") + value.typeName()
                + (e.getMessage() != null ? ": " + e.getMessage() : " (" + e.getClass().getSimpleName() + ")"), e);
    }

    static ValueConversionException fail(ValueSource value, Class<?> target, String reason, Throwable cause) {
        return new ValueConversionException(value, target, reason, cause);
    }

    /** @return whether the value is SQL NULL (allowed); throws for unchanged TOAST, and for NULL if required */
    static boolean absent(ValueSource value, Class<?> target, boolean required) {
        if (value.isUnchangedToast()) {
            throw fail(value, target, NOT_SENT, null);
        }
        if (value.isNull()) {
            if (required) {
                throw fail(value, target, "the value is NULL", null);
            }
            return true;
        }
        return false;
    }

    static ByteBuffer buffer(ValueSource value) {
        return value.data().slice().order(ByteOrder.BIG_ENDIAN);
    }

    static String text(ValueSource value) {
        return value.utf8Text();
    }

    static byte[] bytes(ValueSource value) {
        ByteBuffer b = value.data().slice();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static ByteBuffer fixed(ValueSource value, Class<?> target, int length) {
        ByteBuffer b = buffer(value);
        if (b.remaining() != length) {
            throw fail(value, target, "binary " + value.typeName() + " must be " + length + " bytes", null);
        }
        return b;
    }

    static void requireType(ValueSource value, Class<?> target, int... oids) {
        for (int oid : oids) {
            if (value.formatOid() == oid) {
                return;
            }
        }
        throw fail(value, target, "no binary decoder for " + value.typeName() + " to this type", null);
    }

    /**
     * The skeleton of the typed getters: NULL is {@code null}, unchanged TOAST throws, a binary value must be of
     * one of {@code binaryOids} and is read by that type's codec, a text value (of any type) by {@code parser}.
     */
    static <T> T typed(ValueSource value, Class<T> target, java.util.function.Function<String, T> parser,
            String notA, int... binaryOids) {
        if (absent(value, target, false)) {
            return null;
        }
        try {
            if (value.isBinary()) {
                requireType(value, target, binaryOids);
                return target.cast(TypeCodecs.forOid(value.formatOid()).binaryExact(buffer(value)));
            }
            return parser.apply(text(value));
        } catch (ValueConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(value, target, value.isBinary() ? "malformed binary " + value.typeName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") : notA, e);
        }
    }
}
