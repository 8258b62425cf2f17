package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Lsn}: PostgreSQL's {@code H/L} text form and unsigned ordering. */
class LsnTest {

    @Test
    void parsesAndFormatsTheCanonicalForm() {
        Lsn lsn = Lsn.parse("0/16B3748");

        assertEquals(0x16B3748L, lsn.value());
        assertEquals("0/16B3748", lsn.toString());
        assertEquals("16/B374D848", Lsn.of(0x16_B374D848L).toString());
        assertEquals("FFFFFFFF/FFFFFFFF", Lsn.of(-1L).toString());
    }

    @Test
    void acceptsLowerCaseAndPaddedHalves() {
        assertEquals(Lsn.parse("0/16B3748"), Lsn.parse("0/16b3748"));
        assertEquals(Lsn.parse("0/16B3748"), Lsn.parse("0/016B3748"));
        assertEquals(Lsn.parse("1A/2B"), Lsn.parse("0000001a/0000002b"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "/", "0/", "/0", "16B3748", "0-16B3748", "123456789/0", "0/123456789",
            "0/G", "x/1", "0/1/2", " 0/1", "0/1 ", "+1/0", "-1/0", "0/0x1"})
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lsn.parse(text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"\u0661/0", "0/\uFF21", "\uFF10/1"})
    void rejectsNonAsciiDigits(String text) {
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse(text));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse(null));
    }

    @Test
    void orderingIsUnsigned() {
        Lsn high = Lsn.parse("FFFFFFFF/0");
        Lsn low = Lsn.parse("0/1");

        assertTrue(high.compareTo(low) > 0);
        assertTrue(high.isAfter(low));
        assertTrue(low.isBefore(high));
        assertFalse(low.isAfter(low));
        assertSame(high, Lsn.max(low, high));
        assertSame(high, Lsn.max(high, low));

        List<Lsn> sorted = new ArrayList<>(List.of(high, Lsn.INVALID, Lsn.parse("1/0"), low));
        Collections.sort(sorted);
        assertEquals(List.of(Lsn.INVALID, low, Lsn.parse("1/0"), high), sorted);
    }

    @Test
    void invalidIsZero() {
        assertEquals(0L, Lsn.INVALID.value());
        assertEquals("0/0", Lsn.INVALID.toString());
        assertFalse(Lsn.INVALID.isValid());
        assertTrue(Lsn.of(1).isValid());
        assertSame(Lsn.INVALID, Lsn.parse("0/0"));
        assertSame(Lsn.INVALID, Lsn.of(0));
    }

    @Test
    void plusMovesAcrossTheHalves() {
        assertEquals(Lsn.parse("1/0"), Lsn.parse("0/FFFFFFFF").plus(1));
        assertEquals(Lsn.parse("0/16B3700"), Lsn.parse("0/16B3748").plus(-0x48));
        assertSame(Lsn.INVALID, Lsn.parse("0/10").plus(-16));
        assertEquals(Lsn.parse("0/16B3748"), Lsn.parse("0/16B3748").plus(0));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(Lsn.of(42), Lsn.parse("0/2A"));
        assertEquals(Lsn.of(42).hashCode(), Lsn.parse("0/2a").hashCode());
    }
}
