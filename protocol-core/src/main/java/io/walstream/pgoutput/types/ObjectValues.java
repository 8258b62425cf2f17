package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.BuiltinTypes.CIDR;
import static io.walstream.pgoutput.types.BuiltinTypes.INET;
import static io.walstream.pgoutput.types.BuiltinTypes.JSONB;
import static io.walstream.pgoutput.types.BuiltinTypes.UUID;
import static io.walstream.pgoutput.types.NumberValues.toBigDecimal;
import static io.walstream.pgoutput.types.NumberValues.toBoolean;
import static io.walstream.pgoutput.types.NumberValues.toDouble;
import static io.walstream.pgoutput.types.NumberValues.toFloat;
import static io.walstream.pgoutput.types.NumberValues.toInt;
import static io.walstream.pgoutput.types.NumberValues.toLong;
import static io.walstream.pgoutput.types.NumberValues.toNumeric;
import static io.walstream.pgoutput.types.NumberValues.toShort;
import static io.walstream.pgoutput.types.TemporalValues.toInstant;
import static io.walstream.pgoutput.types.TemporalValues.toInterval;
import static io.walstream.pgoutput.types.TemporalValues.toLocalDate;
import static io.walstream.pgoutput.types.TemporalValues.toLocalDateTime;
import static io.walstream.pgoutput.types.TemporalValues.toLocalTime;
import static io.walstream.pgoutput.types.TemporalValues.toOffsetDateTime;
import static io.walstream.pgoutput.types.TemporalValues.toOffsetTime;
import static io.walstream.pgoutput.types.Values.absent;
import static io.walstream.pgoutput.types.Values.buffer;
import static io.walstream.pgoutput.types.Values.bytes;
import static io.walstream.pgoutput.types.Values.codecOf;
import static io.walstream.pgoutput.types.Values.decode;
import static io.walstream.pgoutput.types.Values.fail;
import static io.walstream.pgoutput.types.Values.malformed;
import static io.walstream.pgoutput.types.Values.text;
import static io.walstream.pgoutput.types.Values.typed;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@link ValueDecoder}'s generic conversions ({@code to(Class)}, the natural Java value, text, bytes, JSON,
 * UUID, inet, arrays, composites, Java enums). Stateless.
 */
final class ObjectValues {

    private ObjectValues() {
    }

    @SuppressWarnings("unchecked")
    static <T> T to(ValueSource value, Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (absent(value, type, type.isPrimitive())) {
            return null;
        }
        Object r;
        if (type == String.class) {
            r = toText(value);
        } else if (type == Object.class) {
            r = toObject(value);
        } else if (type == Boolean.class || type == boolean.class) {
            r = toBoolean(value);
        } else if (type == Short.class || type == short.class) {
            r = toShort(value);
        } else if (type == Integer.class || type == int.class) {
            r = toInt(value);
        } else if (type == Long.class || type == long.class) {
            r = toLong(value);
        } else if (type == Float.class || type == float.class) {
            r = toFloat(value);
        } else if (type == Double.class || type == double.class) {
            r = toDouble(value);
        } else if (type == Character.class || type == char.class) {
            r = toChar(value, type);
        } else if (type == BigDecimal.class) {
            r = toBigDecimal(value);
        } else if (type == PgNumeric.class) {
            r = toNumeric(value);
        } else if (type == byte[].class) {
            r = toBytes(value);
        } else if (type == java.util.UUID.class) {
            r = toUuid(value);
        } else if (type == LocalDate.class) {
            r = toLocalDate(value);
        } else if (type == LocalTime.class) {
            r = toLocalTime(value);
        } else if (type == OffsetTime.class) {
            r = toOffsetTime(value);
        } else if (type == LocalDateTime.class) {
            r = toLocalDateTime(value);
        } else if (type == OffsetDateTime.class) {
            r = toOffsetDateTime(value);
        } else if (type == Instant.class) {
            r = toInstant(value);
        } else if (type == PgInterval.class) {
            r = toInterval(value);
        } else if (type == PgInet.class) {
            r = toInet(value);
        } else if (type == InetAddress.class) {
            r = toInet(value).address();
        } else if (type == List.class || type == Collection.class || type == Iterable.class) {
            r = toList(value, Object.class);
        } else if (type.isEnum()) {
            r = toEnum(value, type);
        } else if (type == PgRecord.class) {
            r = toRecord(value);
        } else {
            r = toObject(value);
            if (!type.isInstance(r)) {
                throw fail(value, type, "unsupported target type for " + value.typeName() + " (its Java value is "
                        + (r == null ? "null" : r.getClass().getSimpleName()) + ")", null);
            }
        }
        return type.isPrimitive() ? (T) r : type.cast(r);
    }

    static Object toObject(ValueSource value) {
        if (absent(value, Object.class, false)) {
            return null;
        }
        TypeCodec codec = codecOf(value);
        try {
            if (codec != null) {
                return decode(codec, value);
            }
            if (!value.isBinary()) {
                return text(value);
            }
            String t = UnknownTypes.textLike(buffer(value));
            if (t != null) {
                return t;
            }
            PgRecord r = UnknownTypes.record(buffer(value));
            return r != null ? r.toString() : toBytes(value);
        } catch (ValueConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(value, Object.class, e);
        }
    }

    static PgArray toArray(ValueSource value) {
        Object o = toObject(value);
        if (o == null || o instanceof PgArray) {
            return (PgArray) o;
        }
        throw fail(value, PgArray.class, "not an array type", null);
    }

    static PgRecord toRecord(ValueSource value) {
        if (absent(value, PgRecord.class, false)) {
            return null;
        }
        try {
            if (value.isBinary()) {
                PgRecord r = UnknownTypes.record(buffer(value));
                if (r == null) {
                    throw fail(value, PgRecord.class, "not a binary composite (record_send) value", null);
                }
                return r;
            }
            return PgRecord.parse(text(value));
        } catch (IllegalArgumentException e) {
            throw fail(value, PgRecord.class, "not a composite: " + e.getMessage(), e);
        }
    }

    static String toText(ValueSource value) {
        if (absent(value, String.class, false)) {
            return null;
        }
        if (!value.isBinary()) {
            return text(value);
        }
        TypeCodec codec = codecOf(value);
        try {
            if (codec != null) {
                return codec.format(codec.binaryExact(buffer(value)));
            }
            return UnknownTypes.binaryText(buffer(value), value.typeOid());
        } catch (RuntimeException e) {
            throw malformed(value, String.class, e);
        }
    }

    static byte[] toBytes(ValueSource value) {
        if (absent(value, byte[].class, false)) {
            return null;
        }
        if (value.isBinary()) {
            return bytes(value);
        }
        try {
            return Bytea.decodeText(bytes(value));
        } catch (IllegalArgumentException e) {
            throw fail(value, byte[].class, e.getMessage(), e);
        }
    }

    static String toJson(ValueSource value) {
        if (absent(value, String.class, false)) {
            return null;
        }
        if (value.isBinary() && value.formatOid() == JSONB) {
            return jsonb(value, String.class);
        }
        return toText(value);
    }

    static java.util.UUID toUuid(ValueSource value) {
        return typed(value, java.util.UUID.class, TextTypes::parseUuid, "not a UUID", UUID);
    }

    static PgInet toInet(ValueSource value) {
        return typed(value, PgInet.class, t -> PgInet.parse(t, value.formatOid() == CIDR), "not an IP address", INET,
                CIDR);
    }

    static <E> List<E> toList(ValueSource value, Class<E> elementType) {
        if (absent(value, List.class, false)) {
            return null;
        }
        return ArrayCodec.decode(value, elementType);
    }

    static char toChar(ValueSource value, Class<?> target) {
        String t = toText(value);
        if (t.length() != 1) {
            throw fail(value, target, "not a single character", null);
        }
        return t.charAt(0);
    }

    static Object toEnum(ValueSource value, Class<?> type) {
        String t = toText(value);
        Object[] constants = type.getEnumConstants();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(t)) {
                return c;
            }
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw fail(value, type, "no such enum constant", null);
    }

    static String jsonb(ValueSource value, Class<?> target) {
        ByteBuffer b = buffer(value);
        if (!b.hasRemaining() || b.get() != 1) {
            throw fail(value, target, "binary jsonb must start with version byte 1", null);
        }
        return StandardCharsets.UTF_8.decode(b).toString();
    }
}
