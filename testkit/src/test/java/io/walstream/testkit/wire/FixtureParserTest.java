package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Structure of a {@code .pgw} text: header, direction markers, continuation lines, steps, comments, expectations. */
class FixtureParserTest {

    private static final HexFormat HEX = HexFormat.of();

    private static WireFixture parse(String... lines) {
        return FixtureParser.parse("t", null, FixtureParser.HEADER + "\n" + String.join("\n", lines), null);
    }

    private static void assertStep(FixtureStep step, Direction direction, String hex) {
        assertEquals(direction, step.direction(), step::toString);
        assertEquals(hex, HEX.formatHex(step.bytes()), step::toString);
        assertEquals(hex.length() / 2, step.length());
    }

    @Test
    void missingHeaderIsRejectedNamingFixtureAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureParser.parse("demo/no-header", null, "\n<< 64 00000004\n", null));
        assertTrue(e.getMessage().startsWith("Fixture demo/no-header line 2:"), e.getMessage());
        assertTrue(e.getMessage().contains(FixtureParser.HEADER), e.getMessage());
    }

    @Test
    void wrongHeaderVersionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureParser.parse("demo/v2", null, "# walstream-fixture 2\n<< 00\n", null));
        assertTrue(e.getMessage().startsWith("Fixture demo/v2 line 1:"), e.getMessage());
    }

    @Test
    void emptyTextIsRejectedAtLineOne() {
        for (String text : List.of("", "\n\n  \n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FixtureParser.parse("demo/empty", null, text, null));
            assertTrue(e.getMessage().startsWith("Fixture demo/empty line 1:"), e.getMessage());
        }
    }

    @Test
    void headerMayFollowBlankLinesAndCrLfIsAccepted() {
        WireFixture f = FixtureParser.parse("t", null, "\r\n\r\n" + FixtureParser.HEADER + "\r\n<< 01\r\n>> 02\r\n", null);
        assertEquals(2, f.steps().size());
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "01");
        assertStep(f.steps().get(1), Direction.CLIENT_TO_SERVER, "02");
    }

    @Test
    void headerOnlyFixtureHasNoSteps() {
        assertTrue(parse("# just a comment", "").steps().isEmpty());
    }

    @Test
    void markersSetTheDirection() {
        WireFixture f = parse("<< 01 02", ">> 03");
        assertEquals(2, f.steps().size());
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "0102");
        assertStep(f.steps().get(1), Direction.CLIENT_TO_SERVER, "03");
    }

    @Test
    void indentedLinesContinueTheCurrentDirection() {
        WireFixture f = parse("<< 01", "   02", "\t03", ">> 04", "      05");
        assertEquals(2, f.steps().size());
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "010203");
        assertStep(f.steps().get(1), Direction.CLIENT_TO_SERVER, "0405");
    }

    @Test
    void consecutiveLinesOfOneDirectionMergeAndAChangeStartsANewStep() {
        WireFixture f = parse("<< 01", "<< 02", "   03", ">> 04", ">> 05", "<< 06", ">> 07");
        assertEquals(4, f.steps().size());
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "010203");
        assertStep(f.steps().get(1), Direction.CLIENT_TO_SERVER, "0405");
        assertStep(f.steps().get(2), Direction.SERVER_TO_CLIENT, "06");
        assertStep(f.steps().get(3), Direction.CLIENT_TO_SERVER, "07");
    }

    @Test
    void blankAndCommentLinesDoNotSplitAStep() {
        WireFixture f = parse("<< 01", "", "# a comment line", "   # an indented comment", "   02");
        assertEquals(1, f.steps().size());
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "0102");
    }

    @Test
    void commentsAfterHashAreIgnored() {
        WireFixture f = parse("<< 01 # 02 03", "   04# 05", "   06 #\"07\"");
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, "010406");
    }

    @Test
    void hashInsideALiteralIsKept() {
        WireFixture f = parse("<< \"a#b\" # comment", "   \"x\\\"#\" 00 # an escaped quote does not end the literal");
        assertStep(f.steps().get(0), Direction.SERVER_TO_CLIENT, HEX.formatHex("a#bx\"#".getBytes()) + "00");
    }

    @Test
    void nameAndSourceAreKept() {
        URI source = URI.create("file:/tmp/demo.pgw");
        WireFixture f = FixtureParser.parse("demo/named", source, FixtureParser.HEADER + "\n<< 00\n", null);
        assertEquals("demo/named", f.name());
        assertEquals("demo/named", f.toString());
        assertSame(source, f.source());
        assertNull(parse("<< 00").source());
    }

    @Test
    void expectTextYieldsItsNonCommentLinesStripped() {
        String expect = "# expected decode\n\nPrimaryKeepalive walEnd=0/1 reply=true\r\n   Frame C len=11  \n"
                + "  # indented comment\nEnd offset=5 skipped=0";
        WireFixture f = FixtureParser.parse("t", null, FixtureParser.HEADER + "\n<< 00\n", expect);
        assertEquals(List.of("PrimaryKeepalive walEnd=0/1 reply=true", "Frame C len=11", "End offset=5 skipped=0"),
                f.expected());
    }

    @Test
    void noExpectTextYieldsAnEmptyList() {
        assertEquals(List.of(), parse("<< 00").expected());
    }
}
