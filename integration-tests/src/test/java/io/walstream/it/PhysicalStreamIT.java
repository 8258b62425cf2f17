package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.HotStandbyFeedback;
import io.walstream.replication.PgTime;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Physical replication: raw WAL from a slot, flush feedback moving restart_lsn, hot standby feedback. */
@PostgresTest
class PhysicalStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void streamsRawWalAndReportsFeedback(String transport, PostgresServer server) throws InterruptedException {
        String slot = "phys_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            PgConnection repl = Live.connect(server, transport, "user=postgres replication=true");
            ReplicationCommands commands = new ReplicationCommands(repl);
            commands.createReplicationSlot(CreateSlotRequest.physical(slot).withReserveWal(true));
            SystemIdentity id = commands.identifySystem();
            Lsn start = Lsn.of(id.xlogPos().value() & ~0xFFFFFFL); // a segment boundary at or before the flush point
            FeedbackPositions positions = new FeedbackPositions();
            try (WalStream stream = WalStream.startPhysical(repl, slot, start, id.timeline(), positions,
                    Duration.ofMillis(500))) {
                sql.query("CREATE TABLE phys_" + transport + " AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 2000) g");
                Lsn target = Lsn.parse(sql.query("SELECT pg_current_wal_flush_lsn()").getString(0, 0));
                XLogData first = stream.read(Duration.ofSeconds(20));
                assertNotNull(first, "no WAL within 20 s");
                assertEquals(start, first.walStart(), "physical streaming starts exactly where asked");
                Lsn end = first.walStart().plus(first.payload().remaining());
                while (end.isBefore(target)) {
                    XLogData x = stream.read(Duration.ofSeconds(20));
                    assertNotNull(x, "WAL stopped at " + end + " before " + target);
                    assertEquals(end, x.walStart(), "WAL arrives contiguous");
                    end = x.walStart().plus(x.payload().remaining());
                }
                positions.flushed(end);
                stream.sendStatus(false);
                Lsn flushedTo = end;
                assertTrue(LiveStreams.await(() -> !Lsn.parse(sql.query("SELECT restart_lsn FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'").getString(0, 0)).isBefore(Lsn.of(flushedTo.value() & ~0xFFFFFFL)), WAIT),
                        "restart_lsn follows the flush report");

                long txid = Long.parseLong(sql.query("SELECT txid_current()").getString(0, 0));
                stream.sendHotStandbyFeedback(new HotStandbyFeedback(PgTime.nowMicros(), (int) txid,
                        (int) (txid >>> 32), 0, 0));
                String expectedXmin = Long.toString(txid & 0xFFFFFFFFL);
                assertTrue(LiveStreams.await(() -> expectedXmin.equals(sql.query("SELECT xmin FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'").getString(0, 0)), WAIT), "hot standby feedback sets the slot's xmin to " + expectedXmin);
            }
            assertTrue(LiveStreams.await(() -> "f".equals(sql.query("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot
                    + "'").getString(0, 0)), WAIT), "the slot is released after close");
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }
}
