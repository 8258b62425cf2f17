package io.walstream.pgoutput.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Codecs of the date/time family: {@code date} ({@link LocalDate}), {@code time} ({@link LocalTime}),
 * {@code timetz} ({@link OffsetTime}), {@code timestamp} ({@link LocalDateTime}), {@code timestamptz}
 * ({@link OffsetDateTime} at offset UTC in both formats, so that a text value printed in any session time zone
 * and the binary value are equal) and {@code interval} ({@link PgInterval}). {@code infinity} and
 * {@code -infinity} are the types' {@code MAX}/{@code MIN} constants; {@code 24:00:00} is
 * {@link LocalTime#MAX}. Canonical text is {@code DateStyle=ISO}, years before 1 as {@code BC}, timestamptz at
 * {@code +00}. Stateless.
 */
final class DateTimeTypes {

    static final long PG_EPOCH_DAY = 10_957L; // 2000-01-01
    static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;

    private DateTimeTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.DATE, new SimpleCodec(LocalDate.class, DateTimeTypes::parseDate,
                b -> date(b.getInt()), (v, sb) -> formatDate((LocalDate) v, sb)));
        codecs.put(BuiltinTypes.TIME, new SimpleCodec(LocalTime.class,
                t -> TemporalText.localTime(TemporalText.parseTimeNanos(t)),
                b -> TemporalText.localTime(Math.multiplyExact(b.getLong(), 1000L)),
                (v, sb) -> formatTime((LocalTime) v, sb)));
        codecs.put(BuiltinTypes.TIMETZ, new SimpleCodec(OffsetTime.class, TemporalText::parseTimetz,
                b -> timetz(b.getLong(), b.getInt()), (v, sb) -> {
                    OffsetTime t = (OffsetTime) v;
                    formatTime(t.toLocalTime(), sb);
                    formatOffset(t.getOffset().getTotalSeconds(), sb);
                }));
        codecs.put(BuiltinTypes.TIMESTAMP, new SimpleCodec(LocalDateTime.class, DateTimeTypes::parseTimestamp,
                b -> timestamp(b.getLong()), (v, sb) -> formatTimestamp((LocalDateTime) v, null, sb)));
        codecs.put(BuiltinTypes.TIMESTAMPTZ, new SimpleCodec(OffsetDateTime.class, DateTimeTypes::parseTimestamptz,
                b -> timestamptz(b.getLong()), (v, sb) -> {
                    OffsetDateTime t = (OffsetDateTime) v;
                    if (t.equals(OffsetDateTime.MAX) || t.equals(OffsetDateTime.MIN)) {
                        sb.append(t.equals(OffsetDateTime.MAX) ? "infinity" : "-infinity");
                    } else {
                        formatTimestamp(t.toLocalDateTime(), t.getOffset(), sb);
                    }
                }));
        codecs.put(BuiltinTypes.INTERVAL, SimpleCodec.of(PgInterval.class, IntervalText::parse,
                b -> {
                    long micros = b.getLong();
                    int days = b.getInt();
                    return new PgInterval(b.getInt(), days, micros);
                }));
    }

    /** @return 1 for infinity, -1 for -infinity, else 0 */
    static int infinity(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("+infinity")) {
            return 1;
        }
        return t.equalsIgnoreCase("-infinity") ? -1 : 0;
    }

    static LocalDate parseDate(String text) {
        int inf = infinity(text);
        return inf > 0 ? LocalDate.MAX : inf < 0 ? LocalDate.MIN : TemporalText.parseDate(text);
    }

    static LocalDateTime parseTimestamp(String text) {
        int inf = infinity(text);
        return inf > 0 ? LocalDateTime.MAX : inf < 0 ? LocalDateTime.MIN : TemporalText.parseTimestamp(text);
    }

    static OffsetDateTime parseTimestamptz(String text) {
        int inf = infinity(text);
        if (inf != 0) {
            return inf > 0 ? OffsetDateTime.MAX : OffsetDateTime.MIN;
        }
        return TemporalText.parseTimestamptz(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static LocalDate date(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
    }

    static OffsetTime timetz(long micros, int zoneSecondsWest) {
        return OffsetTime.of(TemporalText.localTime(Math.multiplyExact(micros, 1000L)),
                ZoneOffset.ofTotalSeconds(-zoneSecondsWest));
    }

    static LocalDateTime timestamp(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        Instant i = instant(micros);
        return LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
    }

    static OffsetDateTime timestamptz(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return OffsetDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
    }

    /** @param micros microseconds since 2000-01-01 00:00 UTC (finite) */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    static void formatDate(LocalDate d, StringBuilder sb) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            sb.append(d.equals(LocalDate.MAX) ? "infinity" : "-infinity");
            return;
        }
        appendYmd(d, sb);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
    }

    private static void appendYmd(LocalDate d, StringBuilder sb) {
        int year = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        String y = Integer.toString(year);
        for (int i = y.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(y).append('-');
        pad2(sb, d.getMonthValue()).append('-');
        pad2(sb, d.getDayOfMonth());
    }

    static void formatTime(LocalTime t, StringBuilder sb) {
        if (t.equals(LocalTime.MAX)) {
            sb.append("24:00:00");
            return;
        }
        pad2(sb, t.getHour()).append(':');
        pad2(sb, t.getMinute()).append(':');
        pad2(sb, t.getSecond());
        fraction(t.getNano() / 1000, sb);
    }

    static void formatTimestamp(LocalDateTime t, ZoneOffset offset, StringBuilder sb) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            sb.append(t.equals(LocalDateTime.MAX) ? "infinity" : "-infinity");
            return;
        }
        appendYmd(t.toLocalDate(), sb);
        sb.append(' ');
        formatTime(t.toLocalTime(), sb);
        if (offset != null) {
            formatOffset(offset.getTotalSeconds(), sb);
        }
        if (t.getYear() <= 0) {
            sb.append(" BC");
        }
    }

    /** {@code +05:30}, {@code -08}, {@code +05:21:10}: as {@code EncodeTimezone} prints seconds east of UTC. */
    static void formatOffset(int secondsEast, StringBuilder sb) {
        int abs = Math.abs(secondsEast);
        sb.append(secondsEast >= 0 ? '+' : '-');
        pad2(sb, abs / 3600);
        int min = abs / 60 % 60;
        int sec = abs % 60;
        if (min != 0 || sec != 0) {
            pad2(sb.append(':'), min);
        }
        if (sec != 0) {
            pad2(sb.append(':'), sec);
        }
    }

    static void fraction(int micros, StringBuilder sb) {
        if (micros == 0) {
            return;
        }
        sb.append('.');
        int div = 100_000;
        int rest = micros;
        while (rest != 0) {
            sb.append((char) ('0' + rest / div));
            rest %= div;
            div /= 10;
        }
    }

    static StringBuilder pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
