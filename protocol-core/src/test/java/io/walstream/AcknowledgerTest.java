package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.replication.FeedbackPositions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explicit acknowledgements advance the flushed position; nothing that ends no transaction is accepted. */
class AcknowledgerTest {

    private final FeedbackPositions positions = new FeedbackPositions();
    private final Acknowledger ack = new Acknowledger(positions);

    private static ReplicationEvent event(io.walstream.pgoutput.PgOutputMessage m) {
        return new ReplicationEvent(m, Lsn.of(0x100), Lsn.of(0x100), 0, null, null, null, List.of());
    }

    @Test
    void byPositionByCommitAndByRollbackPrepared() {
        ack.acknowledge(Lsn.of(0x10));
        assertEquals(Lsn.of(0x10), positions.flushed());
        ack.acknowledge(event(new Commit(0, Lsn.of(0x100), Lsn.of(0x130), 1)));
        assertEquals(Lsn.of(0x130), positions.flushed());
        ack.acknowledge(event(new RollbackPrepared(0, Lsn.of(0x140), Lsn.of(0x150), 1, 1, 7, "g")));
        assertEquals(Lsn.of(0x150), positions.flushed());
    }

    @Test
    void anEventInsideATransactionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ack.acknowledge(event(new Begin(Lsn.of(0x130), 1, 7))));
        assertTrue(e.getMessage().contains("not Begin"), e.getMessage());
        assertEquals(Lsn.INVALID, positions.flushed());
    }
}
