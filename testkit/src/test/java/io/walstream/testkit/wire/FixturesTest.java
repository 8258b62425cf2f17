package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped fixtures: the index is the single list, and every entry in it loads. */
class FixturesTest {

    static List<String> names() {
        return Fixtures.names();
    }

    private static List<String> readIndex() throws IOException {
        try (InputStream in = FixturesTest.class.getResourceAsStream(Fixtures.INDEX)) {
            assertNotNull(in, Fixtures.INDEX);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void namesAreTheIndexInOrder() throws IOException {
        List<String> index = readIndex();
        assertEquals(index, Fixtures.names());
        assertEquals(index.size(), new HashSet<>(index).size(), "duplicate index entries");
        assertTrue(index.contains("replication/keepalive"), index::toString);
        assertTrue(index.size() >= 10, index::toString);
    }

    @Test
    void allLoadsEveryIndexedFixtureInOrder() {
        assertEquals(Fixtures.names(), Fixtures.all().stream().map(WireFixture::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void listedFilesExist(String name) {
        assertFalse(name.endsWith(".pgw"), "index entries have no extension");
        assertNotNull(Fixtures.class.getResource(Fixtures.ROOT + name + ".pgw"), name + ".pgw");
        assertNotNull(Fixtures.class.getResource(Fixtures.ROOT + name + ".expect"), name + ".expect");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyFixtureLoadsWithStepsAndExpectations(String name) {
        WireFixture f = Fixtures.load(name);
        assertEquals(name, f.name());
        assertFalse(f.steps().isEmpty(), "no steps");
        assertFalse(f.expected().isEmpty(), "no expected lines");
        assertTrue(f.serverBytes().length > 0, "no server bytes");
        assertNotNull(f.source());
        assertTrue(f.source().toString().endsWith(name + ".pgw"), f.source()::toString);
        for (FixtureStep step : f.steps()) {
            assertTrue(step.length() > 0, step::toString);
        }
    }

    @Test
    void loadingAnUnlistedNameFailsWithTheResourceName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.load("nope/missing"));
        assertTrue(e.getMessage().contains("nope/missing.pgw"), e.getMessage());
    }
}
