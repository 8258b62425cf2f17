package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.pgoutput.Commit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code requestSnapshot} refusals that need no SQL connection, and a stream without any snapshot that is not
 * changed by the snapshot layer (events and metrics as before, no snapshot progress).
 */
class StreamSnapshotRequestTest {

    @Test
    void requestSnapshotNeedsMessages() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(WalSenderScript.create().idle(Duration.ofMillis(50)));
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> stream.requestSnapshot("public.t", 100));
                assertTrue(e.getMessage().contains("messages(true)"), e.getMessage());
            }
        }
    }

    @Test
    void aStreamWithoutSnapshotsDeliversAsBeforeAndReportsNoSnapshotProgress() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript s = WalSenderScript.create();
            Scripts.tx(s, 1);
            Scripts.tx(s, 2);
            server.enqueue(s.idle(Duration.ofMillis(50)));
            List<Object> commits = new ArrayList<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEach(e -> {
                    if (e.isSnapshotRead()) {
                        throw new AssertionError("no snapshot was asked for: " + e.describe());
                    }
                    if (e.message() instanceof Commit c) {
                        commits.add(c.endLsn());
                        if (commits.size() == 2) {
                            stream.close();
                        }
                    }
                });
                assertNull(stream.metrics().snapshot());
            }
            assertEquals(List.of(Scripts.end(1), Scripts.end(2)), commits);
        }
    }
}
