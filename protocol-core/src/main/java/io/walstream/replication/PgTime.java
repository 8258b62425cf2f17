package io.walstream.replication;

import java.time.Instant;

/**
 * Converts between {@link Instant} and PostgreSQL's replication clock: microseconds since
 * 2000-01-01 00:00:00 UTC.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class PgTime {

    /** Seconds from the Unix epoch to 2000-01-01T00:00:00Z. */
    public static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private PgTime() {
    }

    /**
     * @param instant a point in time
     * @return microseconds since 2000-01-01 UTC (sub-microsecond digits are truncated)
     */
    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                instant.getNano() / 1000);
    }

    /**
     * @param micros microseconds since 2000-01-01 UTC
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** @return the current time in microseconds since 2000-01-01 UTC */
    public static long nowMicros() {
        return toMicros(Instant.now());
    }
}
