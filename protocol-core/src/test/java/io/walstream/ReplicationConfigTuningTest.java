package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import org.junit.jupiter.api.Test;

/** The read-path tuning knobs land in the transport options that reach the frame decoder. */
class ReplicationConfigTuningTest {

    private static ReplicationConfig.Builder builder() {
        return ReplicationConfig.builder("postgresql://u@localhost/db?replication=database").slot("s").publications("p");
    }

    @Test
    void defaults() {
        TransportOptions o = builder().build().transportOptions();
        assertEquals(64 * 1024, o.get(TransportOption.READ_CHUNK_SIZE));
        assertEquals(128 * 1024 * 1024, o.get(TransportOption.MAX_FRAME_LENGTH));
    }

    @Test
    void knobsSetTheOptionsAndKeepTheOthers() {
        TransportOptions o = builder()
                .transportOptions(TransportOptions.builder().set(TransportOption.PROVIDER, "nio").build())
                .readBufferSize(256 * 1024).maxFrameLength(1 << 20).build().transportOptions();
        assertEquals(256 * 1024, o.get(TransportOption.READ_CHUNK_SIZE));
        assertEquals(1 << 20, o.get(TransportOption.MAX_FRAME_LENGTH));
        assertEquals("nio", o.get(TransportOption.PROVIDER));
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> builder().readBufferSize(63));
        assertThrows(IllegalArgumentException.class, () -> builder().maxFrameLength(3));
        assertThrows(IllegalArgumentException.class, () -> builder().maxFrameLength(Integer.MAX_VALUE));
    }
}
