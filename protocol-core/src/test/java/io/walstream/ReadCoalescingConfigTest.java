package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.spi.TransportOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ReplicationConfig.Builder#readCoalescing}: the knob lands in the transport options, within its range. */
class ReadCoalescingConfigTest {

    private static ReplicationConfig.Builder builder() {
        return ReplicationConfig.builder("postgresql://u@localhost/db?replication=database").slot("s").publications("p");
    }

    @Test
    void offByDefault() {
        assertEquals(Duration.ZERO, builder().build().transportOptions().get(TransportOption.READ_COALESCING));
    }

    @Test
    void theKnobSetsTheOptionAndZeroTurnsItOff() {
        assertEquals(Duration.ofMillis(1), builder().readCoalescing(Duration.ofMillis(1)).build().transportOptions()
                .get(TransportOption.READ_COALESCING));
        assertEquals(Duration.ZERO, builder().readCoalescing(Duration.ZERO).build().transportOptions()
                .get(TransportOption.READ_COALESCING));
    }

    @Test
    void outOfRangeWindowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> builder().readCoalescing(Duration.ofMillis(11)));
        assertThrows(IllegalArgumentException.class, () -> builder().readCoalescing(Duration.ofNanos(-1)));
    }
}
