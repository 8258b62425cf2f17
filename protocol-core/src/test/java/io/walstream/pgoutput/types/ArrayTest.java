package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.binary;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayTest {

    @Test
    void textIntegersWithNull() {
        assertEquals(Arrays.asList(1, 2, null, -4), ValueDecoder.toList(text(1007, "{1,2,NULL,-4}"), Integer.class));
        assertEquals(Arrays.asList(1, 2, null, -4), ValueDecoder.toObject(text(1007, "{1,2,NULL,-4}")));
    }

    @Test
    void textQuotingAndEscapes() {
        assertEquals(Arrays.asList("a \"b\"", "c\\d", "NULL", null, "", "x,y", "{}", " sp "),
                ValueDecoder.toList(
                        text(1009, "{\"a \\\"b\\\"\",\"c\\\\d\",\"NULL\",NULL,\"\",\"x,y\",\"{}\",\" sp \"}"),
                        String.class));
        assertEquals(List.of("plain", "wörd"), ValueDecoder.toList(text(1009, "{plain,wörd}"), String.class));
        assertEquals(List.of("a b"), ValueDecoder.toList(text(1009, "{ a b }"), String.class));
    }

    @Test
    void textEmptyAndBounds() {
        assertEquals(List.of(), ValueDecoder.toList(text(1007, "{}"), Integer.class));
        assertEquals(List.of(7, 8), ValueDecoder.toList(text(1007, "[0:1]={7,8}"), Integer.class));
    }

    @Test
    void textOtherElementTypes() {
        assertEquals(List.of(true, false), ValueDecoder.toObject(text(1000, "{t,f}")));
        assertEquals(List.of(new BigDecimal("1.5"), new BigDecimal("-2")),
                ValueDecoder.toList(text(1231, "{1.5,-2}"), BigDecimal.class));
        assertEquals(List.of(PgNumeric.of(new BigDecimal("1.5")), PgNumeric.NAN),
                ValueDecoder.toObject(text(1231, "{1.5,NaN}")));
        assertEquals(List.of(LocalDate.of(2024, 1, 2), LocalDate.MAX),
                ValueDecoder.toObject(text(1182, "{2024-01-02,infinity}")));
        assertEquals(List.of("2024-01-02 03:04:05+00"),
                ValueDecoder.toList(text(1185, "{\"2024-01-02 03:04:05+00\"}"), String.class));
        assertEquals(List.of(new byte[] {1}).size(),
                ValueDecoder.toList(text(1001, "{\"\\\\x01\"}"), byte[].class).size());
        assertEquals(1, ValueDecoder.toList(text(1001, "{\"\\\\x01\"}"), byte[].class).get(0)[0]);
    }

    @Test
    void textUnknownArrayTypeGivesStrings() {
        TestValue v = new TestValue("moods", 16400, "_mood", false, false, false,
                java.nio.ByteBuffer.wrap("{happy,sad}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("happy", "sad"), ValueDecoder.toList(v, Object.class));
        assertEquals(List.of("happy", "sad"), ValueDecoder.toObject(v));
        assertEquals("{happy,sad}", ValueDecoder.toObject(v).toString());
    }

    @Test
    void textMalformed() {
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(text(1007, "{{1,2},{3,4}}"), Integer.class));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(text(1007, "1,2"), Integer.class));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(text(1009, "{\"abc}"), String.class));
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toList(text("nums", 1007, "{1,x}"), Integer.class));
        assertTrue(e.getMessage().contains("nums[2]"), e.getMessage());
        e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toList(text("nums", 1007, "{1,NULL}"), int.class));
        assertTrue(e.getMessage().contains("NULL"), e.getMessage());
    }

    @Test
    void binaryIntegersWithNull() {
        byte[] b = new Bin().i32(1).i32(1).i32(23).i32(3).i32(1)
                .i32(4).i32(1).i32(-1).i32(4).i32(3).done();
        assertEquals(Arrays.asList(1, null, 3), ValueDecoder.toList(binary(1007, b), Integer.class));
        assertEquals(Arrays.asList(1, null, 3), ValueDecoder.toObject(binary(1007, b)));
        assertEquals(Arrays.asList(1L, null, 3L), ValueDecoder.toList(binary(1007, b), Long.class));
    }

    @Test
    void binaryTextAndNumericAndEmpty() {
        byte[] t = new Bin().i32(1).i32(0).i32(25).i32(2).i32(1).i32(1).utf8("a").i32(3).utf8("b c").done();
        assertEquals(List.of("a", "b c"), ValueDecoder.toObject(binary(1009, t)));
        byte[] n = new Bin().i32(1).i32(0).i32(1700).i32(1).i32(1).i32(12).bytes(Bin.hex("0002 0000 0000 0002 007b 1194"))
                .done();
        assertEquals(List.of(PgNumeric.of(new BigDecimal("123.45"))), ValueDecoder.toObject(binary(1231, n)));
        byte[] empty = new Bin().i32(0).i32(0).i32(23).done();
        assertEquals(List.of(), ValueDecoder.toObject(binary(1007, empty)));
    }

    @Test
    void binaryMalformed() {
        byte[] twoDim = new Bin().i32(2).i32(0).i32(23).i32(1).i32(1).i32(1).i32(1).i32(4).i32(5).done();
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(binary(1007, twoDim), Integer.class));
        byte[] truncated = new Bin().i32(1).i32(0).i32(23).i32(2).i32(1).i32(4).i32(5).done();
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(binary(1007, truncated), Integer.class));
        byte[] badLen = new Bin().i32(1).i32(0).i32(23).i32(1).i32(1).i32(99).i32(5).done();
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(binary(1007, badLen), Integer.class));
    }

    @Test
    void listsAreUnmodifiable() {
        List<Integer> l = ValueDecoder.toList(text(1007, "{1}"), Integer.class);
        assertThrows(UnsupportedOperationException.class, () -> l.add(2));
    }
}
