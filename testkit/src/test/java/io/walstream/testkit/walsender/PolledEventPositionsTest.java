package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.RawEvent;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.pgoutput.PgOutputMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Positions of polled events and raw events, now that {@code XLogData} keeps them as primitives: the values are
 * the XLogData header's, and a polled event whose walStart equals its walEnd shares one {@code Lsn} for both.
 */
class PolledEventPositionsTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final Lsn AT = Lsn.of(0x2000000L);
    private static final Lsn END = Lsn.of(0x2000100L);

    @Test
    void polledEventsCarryTheHeaderPositions() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript script = WalSenderScript.create();
            script.xlog(AT, Scripts.relation()); // walStart = walEnd, as a walsender sends logical XLogData
            script.xlog(AT, END, Scripts.relation());
            server.enqueue(script);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config(server))) {
                ReplicationEvent same = stream.next(T);
                assertNotNull(same);
                assertEquals(AT, same.walStart());
                assertSame(same.walStart(), same.walEnd(), "one Lsn for both when they are equal");
                ReplicationEvent different = stream.next(T);
                assertNotNull(different);
                assertEquals(AT, different.walStart());
                assertEquals(END, different.walEnd());
            }
        }
    }

    @Test
    void rawEventsCarryDifferentStartAndEnd() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript script = WalSenderScript.create();
            PgOutputMessage relation = Scripts.relation();
            script.xlog(AT, END, relation);
            server.enqueue(script);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config(server))) {
                RawEvent raw = stream.nextRaw(T);
                assertNotNull(raw);
                assertEquals(AT, raw.walStart());
                assertEquals(END, raw.walEnd());
                assertEquals(AT.value(), raw.data().walStartLong());
                assertEquals(END.value(), raw.data().walEndLong());
                assertEquals('R', raw.tag());
            }
        }
    }

    private static ReplicationConfig config(FakeWalSender server) {
        return ReplicationConfig.builder(server.connectionString()).slot("s").publications("p").build();
    }
}
