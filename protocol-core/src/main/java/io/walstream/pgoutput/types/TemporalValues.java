package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.BuiltinTypes.DATE;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT4;
import static io.walstream.pgoutput.types.BuiltinTypes.FLOAT8;
import static io.walstream.pgoutput.types.BuiltinTypes.INTERVAL;
import static io.walstream.pgoutput.types.BuiltinTypes.NUMERIC;
import static io.walstream.pgoutput.types.BuiltinTypes.TIME;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMESTAMP;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMESTAMPTZ;
import static io.walstream.pgoutput.types.BuiltinTypes.TIMETZ;
import static io.walstream.pgoutput.types.NumberValues.toDouble;
import static io.walstream.pgoutput.types.NumberValues.toNumeric;
import static io.walstream.pgoutput.types.Values.absent;
import static io.walstream.pgoutput.types.Values.buffer;
import static io.walstream.pgoutput.types.Values.fail;
import static io.walstream.pgoutput.types.Values.fixed;
import static io.walstream.pgoutput.types.Values.requireType;
import static io.walstream.pgoutput.types.Values.text;
import static io.walstream.pgoutput.types.Values.typed;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * {@link ValueDecoder}'s date, time, timestamp and interval conversions, epoch microseconds and the infinity
 * test. Stateless.
 */
final class TemporalValues {

    private static final long PG_EPOCH_SECOND = DateTimeTypes.PG_EPOCH_SECOND;

    private TemporalValues() {
    }

    static LocalDate toLocalDate(ValueSource value) {
        return typed(value, LocalDate.class, DateTimeTypes::parseDate, "not an ISO date", DATE);
    }

    static LocalTime toLocalTime(ValueSource value) {
        return typed(value, LocalTime.class, t -> TemporalText.localTime(TemporalText.parseTimeNanos(t)), "not a time",
                TIME);
    }

    static OffsetTime toOffsetTime(ValueSource value) {
        return typed(value, OffsetTime.class, TemporalText::parseTimetz, "not a time with time zone", TIMETZ);
    }

    static LocalDateTime toLocalDateTime(ValueSource value) {
        return typed(value, LocalDateTime.class, DateTimeTypes::parseTimestamp, "not an ISO timestamp", TIMESTAMP);
    }

    static OffsetDateTime toOffsetDateTime(ValueSource value) {
        return typed(value, OffsetDateTime.class, t -> {
            int inf = DateTimeTypes.infinity(t);
            return inf > 0 ? OffsetDateTime.MAX : inf < 0 ? OffsetDateTime.MIN : TemporalText.parseTimestamptz(t);
        }, "not an ISO timestamp with time zone", TIMESTAMPTZ); // text keeps the offset the server printed
    }

    static Instant toInstant(ValueSource value) {
        if (absent(value, Instant.class, false)) {
            return null;
        }
        if (value.isBinary()) {
            requireType(value, Instant.class, TIMESTAMPTZ);
            long micros = fixed(value, Instant.class, 8).getLong();
            if (micros == Long.MAX_VALUE) {
                return Instant.MAX;
            }
            if (micros == Long.MIN_VALUE) {
                return Instant.MIN;
            }
            return pgInstant(micros);
        }
        String t = text(value);
        int inf = infinity(t);
        if (inf != 0) {
            return inf > 0 ? Instant.MAX : Instant.MIN;
        }
        try {
            return TemporalText.parseTimestamptz(t).toInstant();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw fail(value, Instant.class, "not an ISO timestamp with time zone", e);
        }
    }

    static long toEpochMicros(ValueSource value) {
        absent(value, long.class, true);
        try {
            switch (value.formatOid()) {
                case TIMESTAMPTZ:
                    return micros(toInstant(value));
                case TIMESTAMP:
                    LocalDateTime t = toLocalDateTime(value);
                    return t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : t.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                            : micros(t.toInstant(ZoneOffset.UTC));
                case DATE:
                    LocalDate d = toLocalDate(value);
                    return d.equals(LocalDate.MAX) ? Long.MAX_VALUE : d.equals(LocalDate.MIN) ? Long.MIN_VALUE
                            : Math.multiplyExact(d.toEpochDay(), 86_400_000_000L);
                default:
                    throw fail(value, long.class, "epoch microseconds need a timestamptz, timestamp or date", null);
            }
        } catch (ArithmeticException e) {
            throw fail(value, long.class, "out of range for epoch microseconds", e);
        }
    }

    static long micros(Instant i) {
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) {
            return i.equals(Instant.MAX) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    static PgInterval toInterval(ValueSource value) {
        return typed(value, PgInterval.class, IntervalText::parse, "not a postgres-style interval", INTERVAL);
    }

    static boolean isInfinity(ValueSource value) {
        if (absent(value, boolean.class, false)) {
            return false;
        }
        if (!value.isBinary()) {
            return infinity(text(value)) != 0;
        }
        ByteBuffer b = buffer(value);
        switch (value.formatOid()) {
            case DATE:
                return b.remaining() == 4 && (b.getInt(0) == Integer.MAX_VALUE || b.getInt(0) == Integer.MIN_VALUE);
            case TIMESTAMP: case TIMESTAMPTZ:
                return b.remaining() == 8 && (b.getLong(0) == Long.MAX_VALUE || b.getLong(0) == Long.MIN_VALUE);
            case NUMERIC:
                return toNumeric(value).isInfinite();
            case FLOAT4: case FLOAT8:
                return Double.isInfinite(toDouble(value));
            case INTERVAL:
                return toInterval(value).isInfinite();
            default:
                return false;
        }
    }

    /** @return 1 for infinity, -1 for -infinity, else 0 */
    static int infinity(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity")) {
            return 1;
        }
        return t.equalsIgnoreCase("-infinity") ? -1 : 0;
    }

    static Instant pgInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
