package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The progress line's lag in seconds, from fixed keepalive and commit figures. */
class LagTest {
    private static final Instant COMMIT = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant KEEPALIVE = Instant.parse("2026-01-01T10:00:07.250Z");

    @Test
    void behindTheServerIsKeepaliveTimeMinusLastCommitTime() {
        assertEquals(7.25, Lag.seconds(Lsn.parse("0/2000"), Lsn.parse("0/3000"), KEEPALIVE, COMMIT, null));
    }

    @Test
    void caughtUpIsZero() {
        assertEquals(0, Lag.seconds(Lsn.parse("0/3000"), Lsn.parse("0/3000"), KEEPALIVE, COMMIT, null));
        assertEquals(0, Lag.seconds(Lsn.parse("0/3001"), Lsn.parse("0/3000"), KEEPALIVE, COMMIT, null));
    }

    @Test
    void noServerWalEndYetIsZero() {
        assertEquals(0, Lag.seconds(Lsn.INVALID, Lsn.INVALID, null, null, null));
    }

    @Test
    void behindButNotMeasurableIsUnknown() {
        assertTrue(Double.isNaN(Lag.seconds(Lsn.INVALID, Lsn.parse("0/3000"), KEEPALIVE, null, null)),
                "nothing written");
        assertTrue(Double.isNaN(Lag.seconds(Lsn.parse("0/2000"), Lsn.parse("0/3000"), null, COMMIT, null)),
                "no keepalive");
        assertEquals("? s", Lag.format(Double.NaN));
        assertEquals("7.3 s", Lag.format(7.25));
    }

    @Test
    void idleAfterTheLastKeepaliveIsCaughtUpThoughTheWalEndIsAhead() {
        Lsn written = Lsn.parse("0/2000");
        Lsn walEnd = Lsn.parse("0/2068"); // records without changes for the publications, after the last commit
        assertEquals(0, Lag.seconds(written, walEnd, KEEPALIVE, COMMIT, KEEPALIVE.plusMillis(200)));
        assertEquals(0, Lag.seconds(written, walEnd, KEEPALIVE, COMMIT, KEEPALIVE));
        assertEquals(7.25, Lag.seconds(written, walEnd, KEEPALIVE, COMMIT, KEEPALIVE.minusMillis(1)),
                "idle before the keepalive says nothing about what came after");
        assertTrue(Lag.idleSinceKeepalive(KEEPALIVE, KEEPALIVE.plusMillis(200)));
        assertFalse(Lag.idleSinceKeepalive(KEEPALIVE, KEEPALIVE.minusMillis(1)));
        assertFalse(Lag.idleSinceKeepalive(null, KEEPALIVE));
        assertFalse(Lag.idleSinceKeepalive(KEEPALIVE, null));
    }

    @Test
    void aKeepaliveOlderThanTheCommitIsNotNegative() {
        assertEquals(0, Lag.seconds(Lsn.parse("0/2000"), Lsn.parse("0/3000"), COMMIT.minusSeconds(3), COMMIT, null));
    }

    @Test
    void rawCommitTimesAreReadFromCommitLikeMessages() {
        long micros = 820_540_800_000_000L + 123_456; // 2026-01-01T00:00:00.123456Z, µs since 2000-01-01
        ByteBuffer commit = ByteBuffer.allocate(26).put((byte) 'C').put((byte) 0).putLong(1).putLong(2).putLong(micros)
                .flip();
        assertEquals(Instant.parse("2026-01-01T00:00:00.123456Z"), RawStreamLoop.commitTime('C', commit));
        ByteBuffer streamCommit = ByteBuffer.allocate(30).put((byte) 'c').putInt(77).put((byte) 0).putLong(1)
                .putLong(2).putLong(micros).flip();
        assertEquals(Instant.parse("2026-01-01T00:00:00.123456Z"), RawStreamLoop.commitTime('c', streamCommit));
        assertEquals(Instant.parse("2026-01-01T00:00:00.123456Z"), RawStreamLoop.commitTime('K', commit));
        ByteBuffer rollbackPrepared = ByteBuffer.allocate(34).put((byte) 'r').put((byte) 0).putLong(1).putLong(2)
                .putLong(3).putLong(micros).flip();
        assertEquals(Instant.parse("2026-01-01T00:00:00.123456Z"), RawStreamLoop.commitTime('r', rollbackPrepared));
        assertNull(RawStreamLoop.commitTime('I', commit), "not a commit-like message");
    }
}
