package io.walstream.replication;

import io.walstream.internal.PgEpoch;
import java.time.Instant;

/**
 * Converts between {@link Instant} and PostgreSQL's replication clock: microseconds since
 * 2000-01-01 00:00:00 UTC.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class PgTime {

    /** Seconds from the Unix epoch to 2000-01-01T00:00:00Z. */
    public static final long POSTGRES_EPOCH_SECONDS = PgEpoch.SECONDS;

    private PgTime() {
    }

    /**
     * @param instant a point in time
     * @return microseconds since 2000-01-01 UTC (sub-microsecond digits are truncated)
     */
    public static long toMicros(Instant instant) {
        return PgEpoch.toMicros(instant);
    }

    /**
     * @param micros microseconds since 2000-01-01 UTC
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return PgEpoch.toInstant(micros);
    }

    /** @return the current time in microseconds since 2000-01-01 UTC */
    public static long nowMicros() {
        return toMicros(Instant.now());
    }
}
