package io.walstream.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4013 section 3 examples plus PostgreSQL's raw-bytes fallback. */
class SaslPrepTest {

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
        "I\u00ADX   | IX   | SOFT HYPHEN mapped to nothing",
        "user       | user | no transformation",
        "USER       | USER | case preserved",
        "\u00AA     | a    | NFKC: feminine ordinal indicator",
        "\u2168     | IX   | NFKC: roman numeral nine",
        "a\u00A0b   | a b  | non-ASCII space mapped to SPACE",
        "a\u3000b   | a b  | ideographic space mapped to SPACE",
        "x\u200Dy   | xy   | zero width joiner mapped to nothing",
        "\uFB01x    | fix  | NFKC: fi ligature",
    })
    void rfc4013Examples(String input, String expected, String description) {
        assertArrayEquals(utf8(expected), SaslPrep.prepare(utf8(input)), description);
    }

    @Test
    void asciiControlCharacterIsProhibitedSoRawBytesAreUsed() {
        assertNull(SaslPrep.prepareString("\u0007"));
        assertArrayEquals(new byte[] {0x07}, SaslPrep.prepare(new byte[] {0x07}));
    }

    @Test
    void bidiViolationIsProhibitedSoRawBytesAreUsed() {
        // RandALCat first but a European digit last: violates RFC 3454 section 6 rule 3
        assertNull(SaslPrep.prepareString("\u0627\u0031"));
        assertArrayEquals(utf8("\u0627\u0031"), SaslPrep.prepare(utf8("\u0627\u0031")));
    }

    @Test
    void rightToLeftStringThatFollowsTheBidiRulesIsAccepted() {
        assertEquals("\u0627\u0031\u0628", SaslPrep.prepareString("\u0627\u0031\u0628"));
    }

    @Test
    void mixingRandALCatWithLCatIsProhibited() {
        assertNull(SaslPrep.prepareString("\u0627a\u0628"));
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"0085", "E000", "FDD0", "FFFF", "2FF0", "200E", "E0001", "1D173", "0378"})
    void prohibitedOrUnassignedCodePointFallsBackToRawBytes(String hex) {
        String password = "pa" + new String(Character.toChars(Integer.parseInt(hex, 16))) + "\u00e9";

        assertNull(SaslPrep.prepareString(password));
        assertArrayEquals(utf8(password), SaslPrep.prepare(utf8(password)));
    }

    @Test
    void passwordMappedToNothingIsProhibited() {
        assertNull(SaslPrep.prepareString("\u00AD\u2060\uFEFF"));
        assertArrayEquals(utf8("\u00AD"), SaslPrep.prepare(utf8("\u00AD")));
    }

    @Test
    void zeroWidthSpaceIsInBothC12AndB1AndBecomesASpaceLikePostgres() {
        // U+200B is listed in C.1.2 and in B.1; PostgreSQL checks C.1.2 first
        assertEquals("a b", SaslPrep.prepareString("a\u200Bb"));
    }

    @Test
    void invalidUtf8IsReturnedUnchanged() {
        byte[] latin1 = {'p', (byte) 0xe4, 's', 's'};
        byte[] overlong = {(byte) 0xc0, (byte) 0xaf};
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};

        assertArrayEquals(new byte[] {'p', (byte) 0xe4, 's', 's'}, SaslPrep.prepare(latin1));
        assertArrayEquals(new byte[] {(byte) 0xc0, (byte) 0xaf}, SaslPrep.prepare(overlong));
        assertArrayEquals(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, SaslPrep.prepare(surrogate));
    }

    @Test
    void alwaysReturnsAFreshArrayAndLeavesTheInputAlone() {
        byte[] ascii = utf8("pencil");
        byte[] mapped = utf8("I\u00ADX");

        assertNotSame(ascii, SaslPrep.prepare(ascii));
        SaslPrep.prepare(mapped);

        assertArrayEquals(utf8("pencil"), ascii);
        assertArrayEquals(utf8("I\u00ADX"), mapped);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
