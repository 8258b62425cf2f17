package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CopyBoth stream against real servers: XLogData delivery, acknowledgement, and the status timer. */
@PostgresTest
class WalStreamIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("wal_sender_timeout", "2s").build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void deliversTransactionAndAcknowledgementAdvancesSlot(String transport, PostgresServer server) {
        String slot = "ws_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            String table = "ws_items_" + transport;
            sql.query("CREATE TABLE " + table + " (id int PRIMARY KEY, name text)");
            sql.query("DROP PUBLICATION IF EXISTS ws_pub_" + transport);
            sql.query("CREATE PUBLICATION ws_pub_" + transport + " FOR TABLE " + table);
            PgConnection repl = Live.connect(server, transport, "user=postgres dbname=postgres replication=database");
            new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(slot, "pgoutput")
                    .withSnapshot(SnapshotAction.NOTHING));
            FeedbackPositions positions = new FeedbackPositions();
            try (WalStream stream = WalStream.startLogical(repl, LogicalStartOptions.of(slot, "ws_pub_" + transport),
                    positions, Duration.ofMillis(500))) {
                sql.query("INSERT INTO " + table + " VALUES (1, 'one'), (2, 'two')");
                List<Character> types = new ArrayList<>();
                Lsn commitEnd = null;
                while (commitEnd == null) {
                    XLogData x = stream.read(Duration.ofSeconds(20));
                    assertNotNull(x, "no XLogData within 20 s; got " + types);
                    ByteBuffer p = x.data();
                    char type = (char) p.get(0);
                    types.add(type);
                    if (type == 'C') {
                        commitEnd = Lsn.of(p.getLong(1 + 1 + 8));
                    }
                }
                assertEquals(List.of('B', 'R', 'I', 'I', 'C'), types);
                positions.flushed(commitEnd);
                stream.sendStatus(false);
                Lsn expected = commitEnd;
                assertTrue(LiveStreams.await(() -> !Lsn.parse(sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'").getString(0, 0)).isBefore(expected), Duration.ofSeconds(10)),
                        "confirmed_flush_lsn reaches the acknowledged commit end " + expected);
            }
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void timerKeepsAnIdleUnreadStreamAlivePastWalSenderTimeout(String transport, PostgresServer server)
            throws InterruptedException {
        String slot = "ws_idle_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("DROP PUBLICATION IF EXISTS ws_idle_pub");
            sql.query("CREATE PUBLICATION ws_idle_pub FOR ALL TABLES");
            PgConnection repl = Live.connect(server, transport, "user=postgres dbname=postgres replication=database");
            new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(slot, "pgoutput")
                    .withTemporary(true).withSnapshot(SnapshotAction.NOTHING));
            try (WalStream stream = WalStream.startLogical(repl, LogicalStartOptions.of(slot, "ws_idle_pub"),
                    new FeedbackPositions(), Duration.ofMillis(500))) {
                Thread.sleep(6000); // 3 x wal_sender_timeout without reading anything
                assertNull(stream.read(Duration.ofMillis(200)), "nothing was written, so nothing to read");
                assertTrue(stream.statusUpdatesSent() >= 8, "the timer sent " + stream.statusUpdatesSent() + " updates");
                int walsenders = Integer.parseInt(sql.query("SELECT count(*) FROM pg_stat_replication WHERE "
                        + "application_name IS NOT NULL").getString(0, 0));
                assertTrue(walsenders >= 1, "the walsender is still connected");
            }
        }
    }
}
