package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every chunking yields valid cut points, and each strategy cuts where it says. */
class ChunkingTest {

    private static final int[] LENGTHS = {0, 1, 5, 100, 1000};

    private static List<int[]> boundarySets(int length) {
        List<int[]> sets = new ArrayList<>();
        sets.add(new int[0]);
        sets.add(new int[] {length});
        sets.add(new int[] {1, 2, 3});
        sets.add(new int[] {1, length / 2, length});
        sets.add(new int[] {length + 1, length + 50});
        sets.add(IntStream.iterate(7, b -> b <= length, b -> b + 7).toArray());
        return sets;
    }

    static Stream<Arguments> everyStrategyLengthAndBoundarySet() {
        List<Arguments> out = new ArrayList<>();
        for (Chunking c : Chunking.standard(Chunking.seed())) {
            for (int length : LENGTHS) {
                for (int[] boundaries : boundarySets(length)) {
                    out.add(Arguments.of(c, length, boundaries));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} length={1} boundaries={2}")
    @MethodSource("everyStrategyLengthAndBoundarySet")
    void cutPointsAreStrictlyAscendingInsideTheStream(Chunking chunking, int length, int[] boundaries) {
        int[] cuts = chunking.cutPoints(length, boundaries);
        for (int i = 0; i < cuts.length; i++) {
            assertTrue(cuts[i] > 0 && cuts[i] < length, () -> Arrays.toString(cuts) + " outside (0, " + length + ")");
            if (i > 0) {
                assertTrue(cuts[i - 1] < cuts[i], () -> Arrays.toString(cuts) + " not strictly ascending");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 100, 1000})
    void wholeNeverCuts(int length) {
        assertArrayEquals(new int[0], Chunking.WHOLE.cutPoints(length, new int[] {1, length / 2, length}));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 100, 1000})
    void oneByteCutsAfterEveryByte(int length) {
        int[] expected = IntStream.range(1, length).toArray();
        assertEquals(Math.max(0, length - 1), expected.length);
        assertArrayEquals(expected, Chunking.ONE_BYTE.cutPoints(length, new int[] {length}));
    }

    @Test
    void frameBoundaryCutsExactlyAtBoundariesInsideTheStream() {
        Chunking c = Chunking.frameBoundary(0);
        assertArrayEquals(new int[] {10, 50}, c.cutPoints(100, new int[] {10, 50, 100}));
        assertArrayEquals(new int[] {10, 50}, c.cutPoints(100, new int[] {50, 10, 150}), "sorted, past-the-end dropped");
        assertArrayEquals(new int[] {10}, c.cutPoints(100, new int[] {10, 10}), "duplicates collapse");
        assertArrayEquals(new int[0], c.cutPoints(100, new int[0]));
        assertArrayEquals(new int[0], c.cutPoints(0, new int[] {0}));
    }

    @Test
    void frameBoundaryMinusOneSplitsOffTheLastByteOfEachFrame() {
        Chunking c = Chunking.frameBoundary(-1);
        assertArrayEquals(new int[] {9, 49, 99}, c.cutPoints(100, new int[] {10, 50, 100}));
        assertArrayEquals(new int[] {4}, c.cutPoints(100, new int[] {1, 5}), "a cut at 0 is dropped");
    }

    @Test
    void frameBoundaryPlusOneSendsTheNextTagWithThePreviousFrame() {
        Chunking c = Chunking.frameBoundary(1);
        assertArrayEquals(new int[] {11, 51}, c.cutPoints(100, new int[] {10, 50, 100}));
        assertArrayEquals(new int[] {6}, c.cutPoints(100, new int[] {5, 99}), "a cut at the end is dropped");
    }

    @Test
    void randomIsDeterministicForASeed() {
        int[] boundaries = {23, 74};
        assertArrayEquals(Chunking.random(42).cutPoints(100_000, boundaries),
                Chunking.random(42).cutPoints(100_000, boundaries));
        assertArrayEquals(Chunking.random(42).cutPoints(1000, boundaries),
                Chunking.random(42).cutPoints(1000, boundaries));
    }

    @Test
    void randomDiffersForAnotherSeed() {
        assertFalse(Arrays.equals(Chunking.random(42).cutPoints(100_000, new int[0]),
                Chunking.random(43).cutPoints(100_000, new int[0])));
    }

    @Test
    void randomMixesShortAndLongRunsOfAtMost512() {
        int[] cuts = Chunking.random(7).cutPoints(100_000, new int[0]);
        boolean shortRun = false;
        boolean longRun = false;
        int prev = 0;
        for (int cut : cuts) {
            int run = cut - prev;
            assertTrue(run >= 1 && run <= 512, "run " + run);
            shortRun |= run <= 8;
            longRun |= run > 8;
            prev = cut;
        }
        assertTrue(100_000 - prev <= 512, "last run");
        assertTrue(shortRun && longRun, "expected both short and long runs");
    }

    @Test
    void describeNamesTheStrategyAndTheSeed() {
        assertEquals("WHOLE", Chunking.WHOLE.describe());
        assertEquals("ONE_BYTE", Chunking.ONE_BYTE.describe());
        assertEquals("FRAME_BOUNDARY-1", Chunking.frameBoundary(-1).describe());
        assertEquals("FRAME_BOUNDARY", Chunking.frameBoundary(0).describe());
        assertEquals("FRAME_BOUNDARY+1", Chunking.frameBoundary(1).describe());
        assertTrue(Chunking.random(987654321L).describe().contains("987654321"));
        assertEquals(Chunking.random(5).describe(), Chunking.random(5).toString());
    }

    @Test
    void standardHasSixDistinctStrategiesEndingWithTheSeededRandom() {
        List<Chunking> standard = Chunking.standard(31337);
        assertEquals(List.of("WHOLE", "ONE_BYTE", "FRAME_BOUNDARY-1", "FRAME_BOUNDARY", "FRAME_BOUNDARY+1"),
                standard.subList(0, 5).stream().map(Chunking::describe).toList());
        assertTrue(standard.get(5).describe().contains("31337"), standard.get(5).describe());
        assertArrayEquals(Chunking.random(31337).cutPoints(5000, new int[0]),
                standard.get(5).cutPoints(5000, new int[0]));
    }
}
