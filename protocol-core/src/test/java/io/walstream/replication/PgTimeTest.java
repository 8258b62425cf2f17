package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link PgTime}: microseconds since 2000-01-01T00:00:00Z. */
class PgTimeTest {

    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void postgresEpochIsZero() {
        assertEquals(0L, PgTime.toMicros(PG_EPOCH));
        assertEquals(PG_EPOCH, PgTime.toInstant(0));
        assertEquals(PG_EPOCH.getEpochSecond(), PgTime.POSTGRES_EPOCH_SECONDS);
    }

    @Test
    void unixEpochIsNegative() {
        assertEquals(-946_684_800_000_000L, PgTime.toMicros(Instant.EPOCH));
        assertEquals(Instant.EPOCH, PgTime.toInstant(-946_684_800_000_000L));
    }

    @Test
    void knownInstantRoundTrips() {
        Instant t = Instant.parse("2024-05-06T07:08:09.123456Z");
        long micros = PgTime.toMicros(t);

        assertEquals(768_294_489_123_456L, micros);
        assertEquals(t, PgTime.toInstant(micros));
    }

    @Test
    void subMicrosecondDigitsAreTruncated() {
        assertEquals(1L, PgTime.toMicros(PG_EPOCH.plusNanos(1_999)));
    }

    @Test
    void oneMicrosecondBeforeTheEpoch() {
        assertEquals(Instant.parse("1999-12-31T23:59:59.999999Z"), PgTime.toInstant(-1));
        assertEquals(-1L, PgTime.toMicros(Instant.parse("1999-12-31T23:59:59.999999Z")));
    }

    @Test
    void nowIsAfter2020() {
        assertEquals(true, PgTime.nowMicros() > PgTime.toMicros(Instant.parse("2020-01-01T00:00:00Z")));
    }
}
