package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FrameTooLargeException;
import io.walstream.LogicalReplicationStream;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationEvent;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.TupleData;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Defect 7: the frame limit is reachable from the public configuration. */
class FrameLimitTest {

    private static WalSenderScript bigRow() {
        Insert big = new Insert(OptionalInt.empty(), Scripts.OID, TupleData.builder().text("x".repeat(4000)).build());
        return WalSenderScript.create().transaction(701, Scripts.commit(1), Scripts.end(1),
                List.of(Scripts.relation(), big)).idle(Duration.ofMillis(100));
    }

    @Test
    void aRowAboveTheConfiguredLimitFailsAndTheDefaultAcceptsIt() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(bigRow());
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .reconnect(ReconnectPolicy.NEVER).maxFrameLength(1024).build())) {
                FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> {
                    while (true) {
                        stream.next(Duration.ofSeconds(5));
                    }
                });
                assertEquals(1024, e.limit());
            }
        }
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueue(bigRow());
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                boolean seen = false;
                for (int i = 0; i < 5 && !seen; i++) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(5));
                    seen = e != null && e.message() instanceof Insert;
                }
                assertTrue(seen, "the 4 kB row arrives under the default limit");
            }
        }
    }
}
