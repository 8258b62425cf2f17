package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.binary;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ValueDecoderPropertyTest {

    @Property
    void longTextRoundTrip(@ForAll long v) {
        assertEquals(v, ValueDecoder.toLong(text(20, Long.toString(v))));
        assertEquals(v, ValueDecoder.toLong(binary(20, new Bin().i64(v).done())));
    }

    @Property
    void intBinaryRoundTrip(@ForAll int v) {
        assertEquals(v, ValueDecoder.toInt(binary(23, new Bin().i32(v).done())));
        assertEquals(v, ValueDecoder.toInt(text(23, Integer.toString(v))));
    }

    @Property
    void doubleRoundTrip(@ForAll double v) {
        assertEquals(v, ValueDecoder.toDouble(binary(701, new Bin().i64(Double.doubleToRawLongBits(v)).done())));
        assertEquals(v, ValueDecoder.toDouble(text(701, Double.toString(v))));
    }

    @Property
    void numericBinaryRoundTrip(@ForAll("decimals") BigDecimal v) {
        assertEquals(PgNumeric.of(v.scale() < 0 ? v.setScale(0) : v),
                ValueDecoder.toNumeric(binary(1700, Bin.numeric(v))));
    }

    @Property
    void numericTextRoundTrip(@ForAll("decimals") BigDecimal v) {
        assertEquals(v.toPlainString(), ValueDecoder.toNumeric(text(1700, v.toPlainString())).toString());
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40));
        Arbitrary<Integer> scale = Arbitraries.integers().between(-8, 40);
        return unscaled.flatMap(u -> scale.map(s -> new BigDecimal(u, s)));
    }

    @Property
    void timestamptzBinaryMatchesInstant(@ForAll @LongRange(min = -210_000_000_000_000_000L,
            max = 9_000_000_000_000_000_000L) long micros) {
        Instant expected = Instant.parse("2000-01-01T00:00:00Z").plusSeconds(Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
        assertEquals(expected, ValueDecoder.toInstant(binary(1184, new Bin().i64(micros).done())));
    }

    @Property
    void timestamptzTextRoundTrip(@ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999) int micros,
            @ForAll @IntRange(min = -15 * 3600, max = 15 * 3600) int offsetSeconds) {
        OffsetDateTime odt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond, micros * 1000L),
                ZoneOffset.ofTotalSeconds(offsetSeconds));
        assertEquals(odt, ValueDecoder.toOffsetDateTime(text(1184, pgIso(odt))));
    }

    /** Renders like PostgreSQL's ISO DateStyle: BC years, trimmed fraction, offset +HH[:MM[:SS]]. */
    private static String pgIso(OffsetDateTime t) {
        int year = t.getYear();
        boolean bc = year <= 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%04d", bc ? 1 - year : year)).append('-')
                .append(t.format(DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")));
        if (t.getNano() != 0) {
            String f = String.format("%06d", t.getNano() / 1000).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        int off = t.getOffset().getTotalSeconds();
        int a = Math.abs(off);
        sb.append(off < 0 ? '-' : '+').append(String.format("%02d", a / 3600));
        if (a % 3600 != 0) {
            sb.append(String.format(":%02d", a % 3600 / 60));
            if (a % 60 != 0) {
                sb.append(String.format(":%02d", a % 60));
            }
        }
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    @Property
    void dateBinary(@ForAll @IntRange(min = -2_000_000, max = 2_000_000) int days) {
        assertEquals(LocalDate.of(2000, 1, 1).plusDays(days),
                ValueDecoder.toLocalDate(binary(1082, new Bin().i32(days).done())));
    }

    @Property
    void intervalToStringParsesBack(@ForAll @IntRange(min = -100_000, max = 100_000) int months,
            @ForAll @IntRange(min = -100_000, max = 100_000) int days,
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long micros) {
        PgInterval i = PgInterval.of(months, days, micros);
        assertEquals(i, ValueDecoder.toInterval(text(1186, i.toString())));
    }

    @Property
    void textArrayRoundTrip(@ForAll("elements") List<String> elements) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String e = elements.get(i);
            if (e == null) {
                sb.append("NULL");
            } else {
                sb.append('"').append(e.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        sb.append('}');
        assertEquals(elements, ValueDecoder.toList(text(1009, sb.toString()), String.class));

        Bin b = new Bin().i32(elements.isEmpty() ? 0 : 1).i32(0).i32(25);
        if (!elements.isEmpty()) {
            b.i32(elements.size()).i32(1);
            for (String e : elements) {
                if (e == null) {
                    b.i32(-1);
                } else {
                    byte[] u = e.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    b.i32(u.length).bytes(u);
                }
            }
        }
        assertEquals(elements, ValueDecoder.toList(binary(1009, b.done()), String.class));
    }

    @Provide
    Arbitrary<List<String>> elements() {
        Arbitrary<String> s = Arbitraries.strings().withChars("ab \"\\,{}NUL").ofMaxLength(6).injectNull(0.2);
        return s.list().ofMaxSize(6).map(ArrayList::new);
    }

    @Property
    void inetBinaryAndTextAgree(@ForAll("v6") byte[] addr, @ForAll @IntRange(min = 0, max = 128) int bits) {
        PgInet fromBinary = ValueDecoder.toInet(binary(869, new Bin().i8(3).i8(bits).i8(0).i8(16).bytes(addr).done()));
        assertEquals(fromBinary, ValueDecoder.toInet(text(869, fromBinary.toString())));
        assertEquals(PgInet.of(fromBinary.address(), bits, false), fromBinary);
    }

    @Provide
    Arbitrary<byte[]> v6() {
        // bias toward zero runs so :: compression is exercised
        return Arbitraries.integers().between(0, 3).list().ofSize(16).map(l -> {
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) {
                b[i] = (byte) (l.get(i) == 3 ? 0xab : l.get(i) == 2 ? 1 : 0);
            }
            return b;
        });
    }
}
