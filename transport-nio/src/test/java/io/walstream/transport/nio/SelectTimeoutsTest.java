package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelectTimeoutsTest {

    @Test
    void subMillisecondWaitsRoundUpToOneMillisecondNeverZero() {
        assertEquals(1, SelectTimeouts.millis(1));
        assertEquals(1, SelectTimeouts.millis(999_999));
        assertEquals(1, SelectTimeouts.millis(1_000_000));
    }

    @Test
    void partialMillisecondsRoundUp() {
        assertEquals(2, SelectTimeouts.millis(1_000_001));
        assertEquals(250, SelectTimeouts.millis(250_000_000));
        assertEquals(251, SelectTimeouts.millis(250_000_001));
    }

    @Test
    void hugeWaitsDoNotOverflow() {
        assertEquals(Long.MAX_VALUE / 1_000_000 + 1, SelectTimeouts.millis(Long.MAX_VALUE));
    }
}
