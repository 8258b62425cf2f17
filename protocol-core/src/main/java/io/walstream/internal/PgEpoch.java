package io.walstream.internal;

import java.time.Instant;

/**
 * PostgreSQL's clock for protocol timestamps — microseconds since 2000-01-01 00:00:00 UTC — converted to and from
 * {@link Instant}. The one implementation behind {@link io.walstream.replication.PgTime} and the pgoutput
 * messages' commit and prepare times, kept here so that the pgoutput package does not depend on the replication
 * package. Not exported.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class PgEpoch {

    /** Seconds from the Unix epoch to 2000-01-01T00:00:00Z. */
    public static final long SECONDS = 946_684_800L;

    private PgEpoch() {
    }

    /**
     * @param instant a point in time
     * @return microseconds since 2000-01-01 UTC (sub-microsecond digits are truncated)
     * @throws ArithmeticException if it does not fit a {@code long}
     */
    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - SECONDS, 1_000_000L),
                instant.getNano() / 1000);
    }

    /**
     * @param micros microseconds since 2000-01-01 UTC
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
