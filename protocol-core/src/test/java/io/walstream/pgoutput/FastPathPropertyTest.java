package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.internal.TextScan;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.pgoutput.types.ValueDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The fast paths of the value accessors against independent references, on generated input: ASCII detection
 * against a byte loop, {@link ColumnValue#utf8Text()} against the JDK's UTF-8 decoding (with the policy's
 * replacement count), and ISO timestamps read from the bytes against {@code java.time}.
 */
class FastPathPropertyTest {

    private static Row row(int oid, TupleData tuple, Utf8Policy policy) {
        RelationCache cache = new RelationCache();
        cache.utf8Policy(policy);
        cache.put(new Relation(1, "public", "t", ReplicaIdentity.DEFAULT, List.of(RelationColumn.of(false, "c", oid,
                -1))));
        return cache.newRow(new Insert(1, tuple));
    }

    @Property
    void isAsciiAgreesWithAByteLoop(@ForAll @Size(max = 70) byte[] bytes, @ForAll @IntRange(max = 70) int from,
            @ForAll @IntRange(max = 70) int count) {
        int off = Math.min(from, bytes.length);
        int len = Math.min(count, bytes.length - off);
        boolean expected = true;
        for (int i = off; i < off + len; i++) {
            expected &= bytes[i] >= 0;
        }
        assertEquals(expected, TextScan.isAscii(bytes, off, len));
    }

    @Property
    void utf8TextEqualsJdkDecoding(@ForAll @Size(max = 40) byte[] bytes, @ForAll boolean highAsciiOnly) {
        byte[] value = bytes.clone();
        if (highAsciiOnly) {
            for (int i = 0; i < value.length; i++) {
                value[i] &= 0x7f; // mostly the fast path
            }
        }
        Utf8Policy policy = Utf8Policy.lenient();
        Row r = row(BuiltinTypes.TEXT, TupleData.builder().text(value).build(), policy);
        String expected = new String(value, StandardCharsets.UTF_8);
        assertEquals(expected, r.get(0).utf8Text());
        assertEquals(expected, r.get(0).asString());
        boolean valid = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(value), java.nio.CharBuffer
                .allocate(value.length + 1), true).isUnderflow();
        assertEquals(valid ? 0 : 2, policy.replacements(), "each read of malformed text is counted, valid never");
    }

    @Property
    void isoTimestamptzAgreesWithJavaTime(@ForAll @IntRange(min = 1, max = 9999) int year,
            @ForAll @IntRange(min = 1, max = 12) int month, @ForAll @IntRange(min = 1, max = 28) int day,
            @ForAll @IntRange(max = 86_399) int secondOfDay, @ForAll @IntRange(max = 999_999) int micros,
            @ForAll @IntRange(max = 6) int fractionDigits, @ForAll @IntRange(min = -15 * 3600, max = 15 * 3600)
            int offsetSeconds, @ForAll boolean bc) {
        int us = fractionDigits == 0 ? 0 : micros / (int) Math.pow(10, 6 - fractionDigits)
                * (int) Math.pow(10, 6 - fractionDigits);
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day,
                secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60));
        if (fractionDigits > 0) {
            sb.append('.').append(String.format("%06d", us), 0, fractionDigits);
        }
        int abs = Math.abs(offsetSeconds);
        sb.append(offsetSeconds < 0 ? '-' : '+').append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            sb.append(String.format(":%02d", abs / 60 % 60));
            if (abs % 60 != 0) {
                sb.append(String.format(":%02d", abs % 60));
            }
        }
        if (bc) {
            sb.append(" BC");
        }
        String text = sb.toString();
        Instant expected = LocalDateTime.of(bc ? 1 - year : year, month, day, secondOfDay / 3600,
                secondOfDay / 60 % 60, secondOfDay % 60, us * 1000).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        ColumnValue v = row(BuiltinTypes.TIMESTAMPTZ, TupleData.builder().text(text).build(), Utf8Policy.lenient())
                .get(0);
        assertEquals(expected, v.asInstant(), text);
        assertEquals(expected, ValueDecoder.toInstant(v), text);
        long epochMicros = Math.addExact(Math.multiplyExact(expected.getEpochSecond(), 1_000_000L),
                expected.getNano() / 1000);
        assertEquals(epochMicros, v.asEpochMicros(), text);
        assertEquals(expected, v.asOffsetDateTime().toInstant(), text);
    }
    /** A value PostgreSQL could print for the common shape, and the instant java.time makes of its fields. */
    private static String isoText(LocalDateTime t, int fractionDigits, int offsetSeconds) {
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (fractionDigits > 0) {
            sb.append('.').append(String.format("%09d", t.getNano()), 0, fractionDigits);
        }
        int abs = Math.abs(offsetSeconds);
        sb.append(offsetSeconds < 0 ? '-' : '+').append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            sb.append(String.format(":%02d", abs / 60 % 60));
            if (abs % 60 != 0) {
                sb.append(String.format(":%02d", abs % 60));
            }
        }
        return sb.toString();
    }

    /**
     * The common shape (four-digit year, 0-6 fraction digits) with every day of the month, read where more bytes
     * follow the value in the tuple (the next column, digits), so that the 8-byte reads of the fraction must stop
     * at the value's end.
     */
    @Property
    void isoTimestamptzFollowedByMoreBytesAgreesWithJavaTime(
            @ForAll @net.jqwik.api.constraints.LongRange(min = -30_610_224_000L, max = 253_402_300_799L) long second,
            @ForAll @IntRange(max = 999_999) int micros, @ForAll @IntRange(max = 6) int fractionDigits,
            @ForAll @IntRange(min = -15 * 3600 - 59 * 60, max = 15 * 3600 + 59 * 60) int offsetSeconds,
            @ForAll @IntRange(max = 3) int next) {
        int unit = (int) Math.pow(10, 6 - fractionDigits);
        Instant expected = Instant.ofEpochSecond(second, (long) (fractionDigits == 0 ? 0 : micros / unit * unit) * 1000);
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetSeconds);
        LocalDateTime local = LocalDateTime.ofInstant(expected, zone);
        net.jqwik.api.Assume.that(local.getYear() >= 1 && local.getYear() <= 9999);
        String text = isoText(local, fractionDigits, offsetSeconds);
        String[] after = {"0123456789", "12", "+00", ""};
        TupleData tuple = TupleData.builder().text(text).text(after[next]).build();
        RelationCache cache = new RelationCache();
        cache.put(new Relation(1, "public", "t", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(false, "c", BuiltinTypes.TIMESTAMPTZ, -1),
                RelationColumn.of(false, "d", BuiltinTypes.TEXT, -1))));
        ColumnValue v = cache.newRow(new Insert(1, tuple)).get(0);
        assertEquals(expected, v.asInstant(), text);
        assertEquals(expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1000, v.asEpochMicros(), text);
        assertEquals(expected, ValueDecoder.toInstant(v), text);
        assertEquals(java.time.OffsetDateTime.of(local, zone), v.asOffsetDateTime(), text);
    }

    /** Offsets beyond what PostgreSQL prints: the fast path steps aside and the general parser decides. */
    @net.jqwik.api.Example
    void offsetsBeyondPostgresRangeAgreeWithTheGeneralParser() {
        for (String text : new String[] {"2025-06-15 12:34:56+90", "2025-06-15 12:34:56+19", "2025-06-15 12:34:56+17",
            "2025-06-15 12:34:56-18", "2025-06-15 12:34:56+05:60", "2025-06-15 12:34:56+05:30:60",
            "2025-06-15 12:34:56+15:59:59", "12025-06-15 12:34:56+90", "2025-06-15 12:34:56+05:99 BC"}) {
            ColumnValue v = row(BuiltinTypes.TIMESTAMPTZ, TupleData.builder().text(text).build(), Utf8Policy.lenient())
                    .get(0);
            agree(() -> ValueDecoder.toInstant(v), v::asInstant);
            agree(() -> ValueDecoder.toEpochMicros(v), v::asEpochMicros);
        }
    }

    /**
     * A canonical value with one byte changed (a digit, a separator, a sign, a letter): the fast path and the
     * general parser give the same instant, or the same error.
     */
    @Property
    void alteredTimestampsAgreeWithTheGeneralParser(
            @ForAll @net.jqwik.api.constraints.LongRange(min = -30_610_224_000L, max = 253_402_300_799L) long second,
            @ForAll @IntRange(max = 999_999) int micros, @ForAll @IntRange(max = 6) int fractionDigits,
            @ForAll @IntRange(min = -15 * 3600, max = 15 * 3600) int offsetSeconds, @ForAll @IntRange(max = 40) int at,
            @ForAll @net.jqwik.api.constraints.Chars({'0', '1', '2', '3', '5', '9', '-', ':', '.', ' ', '+', '/', ',',
                '$', 'B', 'C', 'x'}) char c, @ForAll boolean insert) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(second, micros * 1000L),
                ZoneOffset.ofTotalSeconds(offsetSeconds));
        net.jqwik.api.Assume.that(local.getYear() >= 1 && local.getYear() <= 9999);
        StringBuilder sb = new StringBuilder(isoText(local, fractionDigits, offsetSeconds));
        int p = Math.min(at, sb.length() - (insert ? 0 : 1));
        if (insert) {
            sb.insert(p, c);
        } else {
            sb.setCharAt(p, c);
        }
        String text = sb.toString();
        for (String after : new String[] {"", "123456789"}) {
            TupleData tuple = TupleData.builder().text(text).text(after).build();
            RelationCache cache = new RelationCache();
            cache.put(new Relation(1, "public", "t", ReplicaIdentity.DEFAULT, List.of(
                    RelationColumn.of(false, "c", BuiltinTypes.TIMESTAMPTZ, -1),
                    RelationColumn.of(false, "d", BuiltinTypes.TEXT, -1))));
            ColumnValue v = cache.newRow(new Insert(1, tuple)).get(0);
            agree(() -> ValueDecoder.toInstant(v), v::asInstant);
            agree(() -> ValueDecoder.toEpochMicros(v), v::asEpochMicros);
        }
    }

    /**
     * {@code timestamp} (no offset) in text, altered or not, and in binary: {@link ColumnValue#asLocalDateTime()}
     * equals java.time's fields for the canonical text and the general decoder's result (or error) for all.
     */
    @Property
    void timestampAgreesWithJavaTimeAndTheGeneralDecoder(
            @ForAll @net.jqwik.api.constraints.LongRange(min = -30_610_224_000L, max = 253_402_300_799L) long second,
            @ForAll @IntRange(max = 999_999) int micros, @ForAll @IntRange(max = 6) int fractionDigits,
            @ForAll @IntRange(max = 30) int at, @ForAll @net.jqwik.api.constraints.Chars({'0', '7', '-', ':', '.',
                ' ', '+', 'B', 'x'}) char c, @ForAll boolean alter, @ForAll long binary) {
        int unit = (int) Math.pow(10, 6 - fractionDigits);
        LocalDateTime expected = LocalDateTime.ofEpochSecond(second, (fractionDigits == 0 ? 0 : micros / unit * unit)
                * 1000, ZoneOffset.UTC);
        String canonical = isoText(expected, fractionDigits, 0);
        canonical = canonical.substring(0, canonical.length() - 3); // timestamp prints no offset
        StringBuilder sb = new StringBuilder(canonical);
        if (alter) {
            sb.setCharAt(Math.min(at, sb.length() - 1), c);
        }
        String text = sb.toString();
        RelationCache cache = new RelationCache();
        cache.put(new Relation(1, "public", "t", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(false, "c", BuiltinTypes.TIMESTAMP, -1),
                RelationColumn.of(false, "b", BuiltinTypes.TIMESTAMP, -1),
                RelationColumn.of(false, "d", BuiltinTypes.TEXT, -1))));
        Row r = cache.newRow(new Insert(1, TupleData.builder().text(text)
                .binary(java.nio.ByteBuffer.allocate(8).putLong(binary).array()).text("2").build()));
        if (!alter) {
            assertEquals(expected, r.get(0).asLocalDateTime(), text);
        }
        agree(() -> ValueDecoder.toLocalDateTime(r.get(0)), r.get(0)::asLocalDateTime);
        agree(() -> ValueDecoder.toLocalDateTime(r.get(1)), r.get(1)::asLocalDateTime);
    }

    @Property
    void binaryNumericAgreesWithTheGeneralDecoder(@ForAll @IntRange(max = 6) int ndigits,
            @ForAll @IntRange(min = -12, max = 12) int weight, @ForAll boolean negative,
            @ForAll @IntRange(max = 40) int dscale, @ForAll @Size(6) List<@IntRange(max = 10_000) Integer> digits) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * ndigits);
        b.putShort((short) ndigits).putShort((short) weight).putShort((short) (negative ? 0x4000 : 0))
                .putShort((short) dscale);
        for (int i = 0; i < ndigits; i++) {
            b.putShort((short) (int) digits.get(i)); // 10000 is invalid: both paths must refuse it alike
        }
        ColumnValue v = row(BuiltinTypes.NUMERIC, TupleData.builder().binary(b.array()).build(), Utf8Policy.lenient())
                .get(0);
        agree(() -> ValueDecoder.toBigDecimal(v), v::asBigDecimal);
        agree(() -> ValueDecoder.toText(v), v::asString);
    }

    @Property
    void binaryCanonicalTextAgreesWithTheGeneralDecoder(@ForAll long n, @ForAll @Size(max = 12) byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).putLong(n);
        int[] oids = {BuiltinTypes.INT8, BuiltinTypes.INT4, BuiltinTypes.INT2, BuiltinTypes.BOOL, BuiltinTypes.TEXT,
            BuiltinTypes.VARCHAR, BuiltinTypes.BPCHAR, BuiltinTypes.NAME, BuiltinTypes.OID, BuiltinTypes.FLOAT8};
        int[] sizes = {8, 4, 2, 1, -1, -1, -1, -1, 4, 8};
        for (int k = 0; k < oids.length; k++) {
            byte[] value = sizes[k] < 0 ? bytes : java.util.Arrays.copyOfRange(b.array(), 8 - sizes[k], 8);
            for (byte[] form : new byte[][] {value, java.util.Arrays.copyOf(value, value.length + 1)}) {
                ColumnValue v = row(oids[k], TupleData.builder().binary(form).build(), Utf8Policy.lenient()).get(0);
                agree(() -> ValueDecoder.toText(v), v::asString);
            }
        }
    }

    @Property
    void parseLongAgreesWithTheJdk(@ForAll long n, @ForAll @IntRange(max = 3) int form,
            @ForAll @IntRange(max = 40) int cut) {
        String text = form == 0 ? Long.toString(n) : form == 1 ? "+" + Math.abs(n % 1_000_000)
                : form == 2 ? Long.toString(n).substring(0, Math.min(cut, Long.toString(n).length()))
                : Long.toString(n) + "0"; // may overflow
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Long expected;
        try {
            expected = Long.parseLong(text);
        } catch (NumberFormatException e) {
            expected = null;
        }
        Long fast;
        try {
            fast = TextScan.parseLong(b, 0, b.length);
        } catch (RuntimeException e) {
            org.junit.jupiter.api.Assertions.assertSame(TextScan.NOT_FAST, e);
            fast = null;
        }
        assertEquals(expected, fast, text);
    }

    private static <T> void agree(java.util.function.Supplier<T> general, java.util.function.Supplier<T> fast) {
        Object expected;
        try {
            expected = general.get();
        } catch (io.walstream.pgoutput.types.ValueConversionException e) {
            io.walstream.pgoutput.types.ValueConversionException f = org.junit.jupiter.api.Assertions.assertThrows(
                    io.walstream.pgoutput.types.ValueConversionException.class, fast::get);
            assertEquals(e.getMessage(), f.getMessage());
            return;
        }
        assertEquals(expected, fast.get());
    }
}
