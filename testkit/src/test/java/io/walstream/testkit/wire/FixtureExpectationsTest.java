package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cross-checks protocol-core's {@code FrameDecoder} (through {@link FixtureDecoding}) against the expectations
 * that {@code testkit/tools/make_fixtures.py} computed independently, under every standard chunking. Replay a
 * failure with {@code -Dwalstream.test.seed=<seed from the test name>}.
 */
class FixtureExpectationsTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureDecodesAsExpectedUnderEveryChunking() {
        long seed = Chunking.seed();
        List<Chunking> chunkings = Chunking.standard(seed);
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Fixtures.names()) {
            WireFixture fixture = Fixtures.load(name);
            for (Chunking chunking : chunkings) {
                tests.add(DynamicTest.dynamicTest(name + " [" + chunking.describe() + "]",
                        () -> assertEquals(fixture.expected(), FixtureDecoding.render(fixture, chunking),
                                // surefire reports omit display names, so the message carries the seed
                                () -> name + " under " + chunking.describe() + "; replay with -Dwalstream.test.seed="
                                        + seed)));
            }
        }
        return tests.stream();
    }
}
