package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What bytes a {@code .pgw} line denotes: hex groups, ASCII literals, {@code {n}} repeats and {@code ..} wildcards. */
class FixtureParserBytesTest {

    private static FixtureStep only(String... lines) {
        WireFixture f = FixtureParser.parse("t", null, FixtureParser.HEADER + "\n" + String.join("\n", lines), null);
        assertEquals(1, f.steps().size(), () -> "steps: " + f.steps());
        return f.steps().get(0);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void hexComesInFreeGroupsOfEitherCase() {
        assertArrayEquals(hex("0a0b0c0d0e0f10ff"), only("<< 0a0B 0c   0D0e0F10\tFf").bytes());
    }

    @Test
    void asciiLiteralWithNulTerminator() {
        assertArrayEquals("public\0".getBytes(StandardCharsets.US_ASCII), only("<< \"public\\0\"").bytes());
    }

    @Test
    void literalEscapes() {
        assertArrayEquals(new byte[] {0, '\\', '"', '\n', '\t'}, only("<< \"\\0\\\\\\\"\\n\\t\"").bytes());
    }

    @Test
    void literalsAndHexMix() {
        assertArrayEquals(hex("44" + "6162" + "00" + "20"), only("<< 44 \"ab\" 00 \" \"").bytes());
    }

    @Test
    void emptyLiteralIsNoBytes() {
        assertArrayEquals(hex("0102"), only("<< 01 \"\" 02").bytes());
    }

    @Test
    void repeatCountRepeatsTheWholeLine() {
        assertArrayEquals(hex("010201020102"), only("<< 01 02 {3}").bytes());
        assertArrayEquals(hex("61626162"), only("<< \"ab\" { 2 }").bytes());
    }

    @Test
    void repeatCountAppliesToItsOwnLineOnly() {
        assertArrayEquals(hex("ff 0000000001 0000000001 ee"), only("<< ff", "   00000000 01 {2}", "   ee").bytes());
    }

    @Test
    void wildcardsInClientLines() {
        FixtureStep step = only(">> 01 .. 03", "   ....");
        assertEquals(Direction.CLIENT_TO_SERVER, step.direction());
        assertArrayEquals(hex("0100030000"), step.bytes(), "wildcard positions hold zero");
        boolean[] expected = {false, true, false, true, true};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], step.isWildcard(i), "index " + i);
        }
    }

    @Test
    void wildcardsInsideAHexGroupAndRepeated() {
        FixtureStep step = only(">> 01..02 {2}");
        assertArrayEquals(hex("010002010002"), step.bytes());
        assertTrue(step.isWildcard(1));
        assertTrue(step.isWildcard(4));
        assertFalse(step.isWildcard(3));
    }

    @Test
    void literalBytesAreNeverWildcards() {
        FixtureStep step = only(">> \"..\"");
        assertArrayEquals("..".getBytes(StandardCharsets.US_ASCII), step.bytes());
        assertFalse(step.isWildcard(0));
        assertFalse(step.isWildcard(1));
    }

    @Test
    void firstMismatchIgnoresWildcards() {
        FixtureStep step = only(">> 01 .. 03 ....");
        assertEquals(-1, step.firstMismatch(hex("0100030000")));
        assertEquals(-1, step.firstMismatch(hex("01ff03abcd")));
        assertEquals(0, step.firstMismatch(hex("02ff03abcd")));
        assertEquals(2, step.firstMismatch(hex("01ff04abcd")));
    }

    @Test
    void firstMismatchReportsALengthDifferenceAtTheShorterEnd() {
        FixtureStep step = only(">> 01 .. 03");
        assertEquals(2, step.firstMismatch(hex("0177")));
        assertEquals(3, step.firstMismatch(hex("01770300")));
        assertEquals(0, step.firstMismatch(new byte[0]));
    }

    @Test
    void bytesReturnsACopy() {
        FixtureStep step = only("<< 01 02");
        step.bytes()[0] = 9;
        assertArrayEquals(hex("0102"), step.bytes());
    }

    @Test
    void toStringShowsMarkerLengthAndWildcards() {
        assertEquals(">> 3 bytes (with wildcards)", only(">> 01 .. 03").toString());
        assertEquals("<< 2 bytes", only("<< 01 02").toString());
    }
}
