package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@link PgTime} round trip over ±10,000 years around 2000. */
class PgTimePropertyTest {

    @Property
    void microsRoundTrip(@ForAll @LongRange(min = -315_576_000_000_000_000L, max = 315_576_000_000_000_000L) long micros) {
        assertEquals(micros, PgTime.toMicros(PgTime.toInstant(micros)));
    }
}
