package io.walstream.testkit.wire;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * How a peer cuts a byte stream into separately flushed writes: the hostile-input strategies of the testkit
 * (Okio's {@code ONE_BYTE_AT_A_TIME}, pgjdbc's seeded short reads).
 *
 * <p><b>Thread safety:</b> immutable.
 */
public abstract class Chunking {

    /** The system property that fixes the seed of {@link #random(long)} chunkings: {@value}. */
    public static final String SEED_PROPERTY = "walstream.testkit.seed";

    /** Everything in one write. */
    public static final Chunking WHOLE = new Chunking("WHOLE") {
        @Override
        public int[] cutPoints(int length, int[] frameBoundaries) {
            return new int[0];
        }
    };

    /** One byte per write. */
    public static final Chunking ONE_BYTE = new Chunking("ONE_BYTE") {
        @Override
        public int[] cutPoints(int length, int[] frameBoundaries) {
            int[] cuts = new int[Math.max(0, length - 1)];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = i + 1;
            }
            return cuts;
        }
    };

    private final String description;

    private Chunking(String description) {
        this.description = description;
    }

    /**
     * Cuts at every frame boundary moved by {@code delta} bytes: -1 splits the last byte of each frame off,
     * 0 cuts exactly between frames, +1 sends each next frame's tag with the previous frame.
     *
     * @param delta -1, 0 or +1 (any small value works)
     * @return the chunking
     */
    public static Chunking frameBoundary(int delta) {
        String sign = delta == 0 ? "" : (delta > 0 ? "+" + delta : String.valueOf(delta));
        return new Chunking("FRAME_BOUNDARY" + sign) {
            @Override
            public int[] cutPoints(int length, int[] frameBoundaries) {
                TreeSet<Integer> cuts = new TreeSet<>();
                for (int b : frameBoundaries) {
                    cuts.add(b + delta);
                }
                return clamp(cuts, length);
            }
        };
    }

    /**
     * Random cut points from a seeded generator: runs of 1–8 bytes mixed with runs of up to 512.
     *
     * @param seed the seed, shown in {@link #describe()}
     * @return the chunking
     */
    public static Chunking random(long seed) {
        return new Chunking("RANDOM(seed=" + seed + ")") {
            @Override
            public int[] cutPoints(int length, int[] frameBoundaries) {
                Random rnd = new Random(seed ^ length);
                TreeSet<Integer> cuts = new TreeSet<>();
                int pos = 0;
                while (true) {
                    pos += 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 512);
                    if (pos >= length) {
                        break;
                    }
                    cuts.add(pos);
                }
                return clamp(cuts, length);
            }
        };
    }

    /**
     * The standard set every fixture is replayed under: WHOLE, ONE_BYTE, FRAME_BOUNDARY-1, FRAME_BOUNDARY,
     * FRAME_BOUNDARY+1 and RANDOM(seed).
     *
     * @param seed the seed for the random strategy
     * @return the strategies
     */
    public static List<Chunking> standard(long seed) {
        return List.of(WHOLE, ONE_BYTE, frameBoundary(-1), frameBoundary(0), frameBoundary(1), random(seed));
    }

    /**
     * The seed for this run: {@value #SEED_PROPERTY} if set, else a fresh one (shown in test names so that a
     * failure can be replayed with {@code -Dwalstream.testkit.seed=...}).
     *
     * @return the seed
     */
    public static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            try {
                return Long.parseLong(fixed.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SEED_PROPERTY + "=" + fixed + " is not a whole number", e);
            }
        }
        return SeedHolder.SEED;
    }

    /**
     * @param length the stream length
     * @param frameBoundaries offsets where frames end (see {@link WireFixture#frameBoundaries()})
     * @return strictly ascending cut positions, each in (0, length)
     */
    public abstract int[] cutPoints(int length, int[] frameBoundaries);

    /** @return a short name for test display names, e.g. {@code RANDOM(seed=42)} */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private static int[] clamp(TreeSet<Integer> cuts, int length) {
        return cuts.stream().filter(c -> c > 0 && c < length).mapToInt(Integer::intValue).toArray();
    }

    private static final class SeedHolder {
        static final long SEED = new Random().nextLong() & 0xffff_ffffL;
    }
}
