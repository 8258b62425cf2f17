package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The derived views of a fixture: server bytes, client presence and frame boundaries. */
class WireFixtureTest {

    private static WireFixture parse(String... lines) {
        return FixtureParser.parse("t", null, FixtureParser.HEADER + "\n" + String.join("\n", lines), null);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void boundariesOfValidFramesEndAtEachFrame() {
        WireFixture f = parse("<< 63 00000004", "<< 43 00000005 ff", "<< 5a 00000006 4900");
        assertArrayEquals(new int[] {5, 11, 18}, f.frameBoundaries());
        assertEquals(18, f.serverBytes().length);
    }

    @Test
    void walkStopsAtANegativeLength() {
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 ffffffff 00000000 00").frameBoundaries());
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 80000000 00000000 00").frameBoundaries());
    }

    @Test
    void walkStopsAtALengthBelowFour() {
        assertArrayEquals(new int[0], parse("<< 64 00000003 000000", "<< 63 00000004").frameBoundaries());
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 00000000", "<< 63 00000004").frameBoundaries());
    }

    @Test
    void walkStopsAtALengthRunningPastTheEnd() {
        assertArrayEquals(new int[0], parse("<< 64 00000010 0102").frameBoundaries());
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 00000006 01").frameBoundaries());
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 7fffffff 77").frameBoundaries(),
                "a huge length must not overflow into a bogus boundary");
    }

    @Test
    void walkStopsAtAPartialHeader() {
        assertArrayEquals(new int[] {5}, parse("<< 63 00000004", "<< 64 0000").frameBoundaries());
        assertArrayEquals(new int[0], parse("<< 63").frameBoundaries());
    }

    @Test
    void noServerBytesNoBoundaries() {
        WireFixture f = parse(">> 63 00000004");
        assertArrayEquals(new int[0], f.frameBoundaries());
        assertArrayEquals(new byte[0], f.serverBytes());
    }

    @Test
    void serverBytesConcatenateOnlyServerStepsInOrder() {
        WireFixture f = parse("<< 63 00000004", ">> 63 00000004", ">> 58 00000004", "<< 5a 00000005 49");
        assertArrayEquals(hex("63 00000004 5a 00000005 49"), f.serverBytes());
        assertArrayEquals(new int[] {5, 11}, f.frameBoundaries(), "client bytes are not part of the server stream");
    }

    @Test
    void hasClientBytes() {
        assertTrue(parse("<< 63 00000004", ">> 63 00000004").hasClientBytes());
        assertTrue(parse(">> 00").hasClientBytes());
        assertFalse(parse("<< 63 00000004", "<< 63 00000004").hasClientBytes());
        assertFalse(parse().hasClientBytes());
    }

    @Test
    void accessorsReturnCopies() {
        WireFixture f = parse("<< 63 00000004");
        f.serverBytes()[0] = 0;
        f.frameBoundaries()[0] = 99;
        assertArrayEquals(hex("63 00000004"), f.serverBytes());
        assertArrayEquals(new int[] {5}, f.frameBoundaries());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "replication/keepalive, 74, 23 74",
            "replication/xlogdata, 167, 51 111 167",
            "replication/copydone, 69, 23 28 40 63 69",
            "hostile/length-negative, 35, 23",
            "hostile/length-too-small, 8, ''",
            "hostile/length-over-limit, 57, 51",
            "hostile/truncated-mid-xlogdata, 43, 23",
    })
    void shippedFixtureBoundaries(String name, int length, String boundaries) {
        WireFixture f = Fixtures.load(name);
        assertEquals(length, f.serverBytes().length);
        int[] expected = boundaries.isBlank() ? new int[0]
                : Arrays.stream(boundaries.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, f.frameBoundaries());
    }
}
