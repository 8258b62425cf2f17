package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Chunking#seed()} honours {@value Chunking#SEED_PROPERTY} and is otherwise fixed for the run. */
class ChunkingSeedTest {

    private static void withSeedProperty(String value, Runnable check) {
        String saved = System.getProperty(Chunking.SEED_PROPERTY);
        try {
            if (value == null) {
                System.clearProperty(Chunking.SEED_PROPERTY);
            } else {
                System.setProperty(Chunking.SEED_PROPERTY, value);
            }
            check.run();
        } finally {
            if (saved == null) {
                System.clearProperty(Chunking.SEED_PROPERTY);
            } else {
                System.setProperty(Chunking.SEED_PROPERTY, saved);
            }
        }
    }

    @Test
    void propertyFixesTheSeed() {
        withSeedProperty("123456789", () -> assertEquals(123456789L, Chunking.seed()));
        withSeedProperty(" -42 ", () -> assertEquals(-42L, Chunking.seed()));
    }

    @Test
    void withoutThePropertyTheSeedIsStableWithinARun() {
        withSeedProperty(null, () -> assertEquals(Chunking.seed(), Chunking.seed()));
        // Maven passes an empty value when -Dwalstream.test.seed is not given: that means "no fixed seed"
        withSeedProperty("", () -> {
            long fallback = Chunking.seed();
            withSeedProperty(null, () -> assertEquals(fallback, Chunking.seed()));
        });
    }

    @Test
    void theSeedReachesTheRandomStrategyName() {
        withSeedProperty("777", () -> assertEquals("RANDOM(seed=777)",
                Chunking.standard(Chunking.seed()).get(5).describe()));
    }
}
