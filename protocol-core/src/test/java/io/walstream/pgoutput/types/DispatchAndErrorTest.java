package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.nul;
import static io.walstream.pgoutput.types.TestValue.text;
import static io.walstream.pgoutput.types.TestValue.toast;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.WalstreamException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DispatchAndErrorTest {

    enum Mood { HAPPY, sad }

    @Test
    void toObjectNaturalTypes() {
        assertEquals(Boolean.TRUE, ValueDecoder.toObject(text(16, "t")));
        assertEquals((short) 7, ValueDecoder.toObject(hex(21, "0007")));
        assertEquals(7, ValueDecoder.toObject(text(23, "7")));
        assertEquals(7L, ValueDecoder.toObject(hex(20, "0000000000000007")));
        assertEquals(7L, ValueDecoder.toObject(text(26, "7")));
        assertEquals(1.5f, ValueDecoder.toObject(text(700, "1.5")));
        assertEquals(1.5, ValueDecoder.toObject(text(701, "1.5")));
        assertEquals(PgNumeric.of(new BigDecimal("1.5")), ValueDecoder.toObject(text(1700, "1.5")));
        assertEquals("x", ValueDecoder.toObject(text(25, "x")));
        assertEquals("x", ValueDecoder.toObject(hex(1043, "78")));
        assertArrayEquals(new byte[] {1}, (byte[]) ValueDecoder.toObject(text(17, "\\x01")));
        assertTrue(ValueDecoder.toObject(text(2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")) instanceof UUID);
        assertTrue(ValueDecoder.toObject(text(1082, "2024-01-02")) instanceof LocalDate);
        assertTrue(ValueDecoder.toObject(text(1083, "01:02:03")) instanceof LocalTime);
        assertTrue(ValueDecoder.toObject(text(1266, "01:02:03+01")) instanceof OffsetTime);
        assertTrue(ValueDecoder.toObject(text(1114, "2024-01-02 01:02:03")) instanceof LocalDateTime);
        assertTrue(ValueDecoder.toObject(text(1184, "2024-01-02 01:02:03+00")) instanceof OffsetDateTime);
        assertTrue(ValueDecoder.toObject(text(1186, "1 day")) instanceof PgInterval);
        assertTrue(ValueDecoder.toObject(text(869, "::1")) instanceof PgInet);
        assertEquals("[1]", ValueDecoder.toObject(hex(3802, "01 5b315d")));
        assertEquals("(1,2)", ValueDecoder.toObject(text(16500, "(1,2)")));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) ValueDecoder.toObject(hex(16500, "0102")));
        assertNull(ValueDecoder.toObject(nul(23)));
    }

    @Test
    void genericTo() {
        assertEquals(7, ValueDecoder.to(text(23, "7"), int.class));
        assertEquals(7, ValueDecoder.to(text(23, "7"), Integer.class));
        assertEquals(7L, ValueDecoder.to(hex(23, "00000007"), long.class));
        assertEquals("7", ValueDecoder.to(text(23, "7"), String.class));
        assertEquals(true, ValueDecoder.to(hex(16, "01"), boolean.class));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), ValueDecoder.to(hex(1184, "0000000000000000"), Instant.class));
        assertEquals(List.of(1, 2), ValueDecoder.to(text(1007, "{1,2}"), List.class));
        assertEquals(Mood.HAPPY, ValueDecoder.to(text(16390, "HAPPY"), Mood.class));
        assertEquals(Mood.sad, ValueDecoder.to(text(16390, "sad"), Mood.class));
        assertEquals(Mood.HAPPY, ValueDecoder.to(text(16390, "happy"), Mood.class));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.to(text(16390, "angry"), Mood.class));
        assertTrue(ValueDecoder.to(text(869, "10.0.0.1"), InetAddress.class) instanceof InetAddress);
        assertEquals(new BigDecimal("2.50"), ValueDecoder.to(text(1700, "2.50"), BigDecimal.class));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.to(text(23, "7"), Thread.class));
    }

    @Test
    void nullHandling() {
        assertNull(ValueDecoder.to(nul(23), Integer.class));
        assertNull(ValueDecoder.to(nul(23), String.class));
        assertNull(ValueDecoder.toText(nul(25)));
        assertNull(ValueDecoder.toBigDecimal(nul(1700)));
        assertNull(ValueDecoder.toList(nul(1007), Integer.class));
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.to(nul(23), int.class));
        assertEquals(ValueKind.NULL, e.kind());
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInt(nul(23)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBoolean(nul(16)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toDouble(nul(701)));
    }

    @Test
    void unchangedToastIsNeverNull() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.to(toast(25), String.class));
        assertEquals(ValueKind.UNCHANGED_TOAST, e.kind());
        assertTrue(e.getMessage().contains("unchanged-toast"), e.getMessage());
        assertTrue(e.getMessage().contains("not sent"), e.getMessage());
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toText(toast(25)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toObject(toast(25)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBytes(toast(17)));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toList(toast(1007), Object.class));
    }

    @Test
    void messageNamesColumnTypeKindAndTarget() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toInt(text("age", 23, "12x")));
        String m = e.getMessage();
        assertTrue(m.contains("\"age\""), m);
        assertTrue(m.contains("int4"), m);
        assertTrue(m.contains("text value"), m);
        assertTrue(m.contains("\"12x\""), m);
        assertTrue(m.contains("int"), m);
        assertEquals("age", e.columnName());
        assertEquals(23, e.typeOid());
        assertEquals("int4", e.typeName());
        assertEquals(ValueKind.TEXT, e.kind());
        assertEquals("int", e.targetType());
        assertTrue(e instanceof WalstreamException);
        assertFalse(e.isTransient());
    }

    @Test
    void longTextValuesAreNotQuoted() {
        String longText = "secret-".repeat(20);
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toInt(text(25, longText)));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().contains("140 characters"), e.getMessage());
    }

    @Test
    void binaryMessagesGiveLength() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> ValueDecoder.toUuid(hex(2950, "0102")));
        assertTrue(e.getMessage().contains("binary value of 2 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("java.util.UUID"), e.getMessage());
        assertEquals(ValueKind.BINARY, e.kind());
    }

    @Test
    void binaryWrongTypeIsRefused() {
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toLocalDate(hex(23, "00000000")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toUuid(hex(17, "00000000000000000000000000000000")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toBoolean(hex(23, "00000001")));
    }
}
