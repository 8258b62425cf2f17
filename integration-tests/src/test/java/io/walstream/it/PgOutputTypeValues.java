package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.pgoutput.ColumnKind;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.types.PgInet;
import io.walstream.pgoutput.types.PgInterval;
import io.walstream.pgoutput.types.PgNumeric;
import io.walstream.pgoutput.types.ValueConversionException;
import io.walstream.pgoutput.types.ValueDecoder;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The values {@link PgOutputWorkload} writes into {@code fid_types}, checked through the typed accessors of
 * decoded rows, in text ({@code binary=false}) or binary format. Where the two formats differ, the expectation
 * says what the server sends.
 */
final class PgOutputTypeValues {

    static final UUID UUID_1 = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    static final ZoneOffset KOLKATA = ZoneOffset.ofHoursMinutes(5, 30);

    private PgOutputTypeValues() {
    }

    /** Every column arrives as 't' in text mode; in binary mode as 'b' except aclitem, which has no send function. */
    static void assertKinds(Row r, boolean binary) {
        for (int i = 0; i < r.size(); i++) {
            ColumnValue v = r.get(i);
            if (v.isNull()) {
                continue;
            }
            boolean expectBinary = binary && !v.columnName().equals("c_acl");
            assertEquals(expectBinary ? ColumnKind.BINARY : ColumnKind.TEXT, v.kind(), v.columnName());
        }
    }

    static void assertRow1(Row r, boolean binary) {
        assertKinds(r, binary);
        assertEquals(1, r.get("id").asInt());
        assertTrue(r.get("c_bool").asBoolean());
        assertEquals((short) -32768, r.get("c_int2").asShort());
        assertEquals(Integer.MAX_VALUE, r.get("c_int4").asInt());
        assertEquals(Long.MIN_VALUE, r.get("c_int8").asLong());
        assertEquals(3.14f, r.get("c_float4").asFloat());
        assertEquals(-1.5e-300, r.get("c_float8").asDouble());
        assertEquals(new BigDecimal("12345678901234567890.000123450"), r.get("c_numeric").asBigDecimal());
        assertEquals("h\u00e9llo\n\t'w\u00f6rld' \\ \"q\" \uD83D\uDE00", r.get("c_text").asString());
        assertEquals("vc", r.get("c_varchar").asString());
        assertEquals("ab   ", r.get("c_bpchar").asString());
        assertEquals("a_name", r.get("c_name").asString());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, r.get("c_bytea").asBytes());
        assertEquals(UUID_1, r.get("c_uuid").asUuid());
        assertEquals(LocalDate.of(2024, 2, 29), r.get("c_date").asLocalDate());
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000), r.get("c_time").asLocalTime());
        assertEquals(OffsetTime.of(4, 5, 6, 789_000_000, ZoneOffset.ofHours(-8)), r.get("c_timetz").asOffsetTime());
        assertEquals(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000), r.get("c_ts").asLocalDateTime());
        Instant tstz = Instant.parse("2024-02-29T12:34:56.123456Z");
        assertEquals(tstz, r.get("c_tstz").asInstant());
        // text carries the peeking session's TimeZone offset; binary is UTC microseconds
        assertEquals(OffsetDateTime.ofInstant(tstz, binary ? ZoneOffset.UTC : KOLKATA),
                r.get("c_tstz").asOffsetDateTime());
        assertEquals(PgInterval.of(14, 3, 4 * 3_600_000_000L + 5 * 60_000_000L + 6_789_000L),
                r.get("c_interval").asInterval());
        assertEquals("{\"a\": [1, 2, {\"b\": null}]}", r.get("c_json").asJson());
        assertEquals("{\"a\": [1, \"x\"], \"b\": 2}", r.get("c_jsonb").asJson());
        PgInet inet = r.get("c_inet").asInet();
        assertEquals(inet("192.168.1.10"), inet.address());
        assertEquals(24, inet.prefixLength());
        assertFalse(inet.isCidr());
        PgInet cidr = r.get("c_cidr").asInet();
        assertEquals(inet("2001:db8::"), cidr.address());
        assertEquals(32, cidr.prefixLength());
        assertTrue(cidr.isCidr());
        assertEquals(4294967295L, r.get("c_oid").asOid());
        assertEquals(Arrays.asList(1, null, -3), r.get("c_int4arr").asList(Integer.class));
        assertEquals(Arrays.asList("a,b", "with \"q\"", "NULL", null, "", "x y"),
                r.get("c_textarr").asList(String.class));
        assertEquals(List.of(PgNumeric.of(new BigDecimal("1.50")), PgNumeric.NAN),
                r.get("c_numarr").asList(PgNumeric.class));
        assertEquals(List.of(Instant.parse("2024-01-01T00:00:00Z"), Instant.MAX),
                r.get("c_tstzarr").asList(Instant.class));
        assertEquals(List.of(UUID_1), r.get("c_uuidarr").asList(UUID.class));
        assertEquals(List.of(true, false), r.get("c_boolarr").asList(Boolean.class));
        assertEquals(List.of(1.5, Double.NEGATIVE_INFINITY, Double.NaN), r.get("c_float8arr").asList(Double.class));
        assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.MIN), r.get("c_datearr").asList(LocalDate.class));
        assertEquals("happy", r.get("c_enum").asString());
        assertEquals(List.of("happy", "sad"), r.get("c_enumarr").asList(String.class));
        assertEquals("fid_mood", r.get("c_enum").typeName().replace("public.", ""));
        // a domain's Type message names its base type
        assertEquals("int4", r.get("c_domain").typeName());
        assertEquals(5, r.get("c_domain").asInt());
        if (binary) {
            // record_send: ncols, then per column type OID, length, binary value
            assertArrayEquals(concat(i32(2), i32(23), i32(4), i32(42), i32(25), i32(7), utf8("x y \"z\"")),
                    r.get("c_comp").asBytes());
            // range_send: flags (0x02 = lower bound inclusive), then length and binary value of each bound;
            // '(1,10]' is canonicalized to [2,11)
            assertArrayEquals(concat(new byte[] {2}, i32(4), i32(2), i32(4), i32(11)), r.get("c_range").asBytes());
            assertEquals("$1,234.56", r.get("c_money").asString(), "binary money printed as in lc_monetary=C");
        } else {
            assertEquals("(42,\"x y \"\"z\"\"\")", r.get("c_comp").asString());
            assertEquals("[2,11)", r.get("c_range").asString());
            assertEquals("$1,234.56", r.get("c_money").asString(), "money in lc_monetary=C");
        }
        assertEquals(new BigDecimal("1234.56"), r.get("c_money").asObject(), "money is a number in both formats");
        assertEquals("1010", r.get("c_bit").asString());
        assertEquals("10101", r.get("c_varbit").asString());
        assertEquals("<a b=\"1\">t</a>", r.get("c_xml").asString());
        assertEquals("postgres=r/postgres", r.get("c_acl").asString());
    }

    static void assertRow2AllNull(Row r) {
        assertEquals(2, r.get("id").asInt());
        for (int i = 1; i < r.size(); i++) {
            ColumnValue v = r.get(i);
            assertTrue(v.isNull(), v.columnName());
            assertFalse(v.isUnchangedToast(), v.columnName());
            assertNull(v.asObject(), v.columnName());
            assertNull(v.asString(), v.columnName());
        }
        assertThrows(ValueConversionException.class, () -> r.get("c_int4").asInt());
    }

    static void assertRow3(Row r, boolean binary) {
        assertKinds(r, binary);
        assertFalse(r.get("c_bool").asBoolean());
        assertEquals(0, r.get("c_int8").asLong());
        assertTrue(Float.isNaN(r.get("c_float4").asFloat()));
        assertEquals(Double.POSITIVE_INFINITY, r.get("c_float8").asDouble());
        assertEquals(PgNumeric.NAN, r.get("c_numeric").asNumeric());
        assertThrows(ValueConversionException.class, () -> r.get("c_numeric").asBigDecimal());
        assertEquals("", r.get("c_text").asString());
        assertEquals("", r.get("c_varchar").asString());
        assertEquals("     ", r.get("c_bpchar").asString());
        assertEquals("", r.get("c_name").asString());
        assertArrayEquals(new byte[0], r.get("c_bytea").asBytes());
        assertEquals(new UUID(0, 0), r.get("c_uuid").asUuid());
        assertEquals(LocalDate.MAX, r.get("c_date").asLocalDate());
        assertTrue(ValueDecoder.isInfinity(r.get("c_date")));
        assertEquals(LocalTime.MAX, r.get("c_time").asLocalTime(), "24:00:00");
        assertEquals(OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC), r.get("c_timetz").asOffsetTime());
        assertEquals(LocalDateTime.MIN, r.get("c_ts").asLocalDateTime());
        assertEquals(Instant.MAX, r.get("c_tstz").asInstant());
        assertEquals(OffsetDateTime.MAX, r.get("c_tstz").asOffsetDateTime());
        assertTrue(ValueDecoder.isInfinity(r.get("c_tstz")));
        assertEquals(PgInterval.of(0, -1, 2 * 3_600_000_000L + 3 * 60_000_000L + 4_000_000L),
                r.get("c_interval").asInterval());
        assertEquals("\"\"", r.get("c_json").asJson());
        assertEquals("[]", r.get("c_jsonb").asJson());
        assertEquals(inet("::1"), r.get("c_inet").asInet().address());
        assertEquals(128, r.get("c_inet").asInet().prefixLength());
        assertEquals(inet("10.0.0.0"), r.get("c_cidr").asInet().address());
        assertEquals(8, r.get("c_cidr").asInet().prefixLength());
        assertEquals(0L, r.get("c_oid").asOid());
        for (String array : List.of("c_int4arr", "c_textarr", "c_numarr", "c_tstzarr", "c_uuidarr", "c_boolarr",
                "c_float8arr", "c_datearr", "c_enumarr")) {
            assertEquals(List.of(), r.get(array).asList(Object.class), array);
        }
        assertEquals("sad", r.get("c_enum").asString());
        assertEquals(1, r.get("c_domain").asInt());
        if (binary) {
            // a NULL attribute is length -1 without value; '' is length 0
            assertArrayEquals(concat(i32(2), i32(23), i32(-1), i32(25), i32(0)), r.get("c_comp").asBytes());
            assertArrayEquals(new byte[] {1}, r.get("c_range").asBytes(), "empty range: flags only");
            assertEquals(new BigDecimal("0.00"), r.get("c_money").asObject());
        } else {
            assertEquals("(,\"\")", r.get("c_comp").asString());
            assertEquals("empty", r.get("c_range").asString());
            assertEquals("$0.00", r.get("c_money").asString());
        }
        assertEquals("0000", r.get("c_bit").asString());
        assertEquals("", r.get("c_varbit").asString());
        assertEquals("", r.get("c_xml").asString());
        assertTrue(r.get("c_acl").isNull());
    }

    static void assertRow4(Row r, boolean binary) {
        assertKinds(r, binary);
        assertEquals(Float.NEGATIVE_INFINITY, r.get("c_float4").asFloat());
        assertEquals(-0.0, r.get("c_float8").asDouble());
        assertEquals(PgNumeric.POSITIVE_INFINITY, r.get("c_numeric").asNumeric());
        assertTrue(ValueDecoder.isInfinity(r.get("c_numeric")));
        assertEquals(LocalDate.of(-43, 3, 15), r.get("c_date").asLocalDate(), "0044-03-15 BC is proleptic year -43");
        assertEquals(Instant.MIN, r.get("c_tstz").asInstant());
        assertEquals(OffsetDateTime.MIN, r.get("c_tstz").asOffsetDateTime());
        if (binary) {
            assertEquals(new BigDecimal("-0.01"), r.get("c_money").asObject());
        } else {
            assertEquals("-$0.01", r.get("c_money").asString());
        }
    }

    static void assertRow5(Row r, boolean binary) {
        assertKinds(r, binary);
        assertEquals(PgNumeric.NEGATIVE_INFINITY, r.get("c_numeric").asNumeric());
        Instant i = Instant.parse("1900-01-01T00:00:00Z");
        assertEquals(i, r.get("c_tstz").asInstant());
        // Asia/Kolkata in 1900 was Madras Mean Time, +05:21:10: PostgreSQL prints seconds in the offset
        assertEquals(OffsetDateTime.ofInstant(i, binary ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutesSeconds(5, 21, 10)),
                r.get("c_tstz").asOffsetDateTime());
    }

    static InetAddress inet(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] i32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
