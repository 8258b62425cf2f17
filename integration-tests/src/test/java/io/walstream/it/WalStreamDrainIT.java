package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.Connector;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Row;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.spi.TransportOption;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code WalStream.drain} against real servers: the zero-allocation batch path delivers every row of a
 * transaction larger than the (deliberately small) read chunk, in order, while the chunk is reused, and the
 * received position follows. The transport alternates by server version.
 */
@PostgresTest
class WalStreamDrainIT {

    private static final int ROWS = 20_000;

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("wal_sender_timeout", "2s").build(); // a keepalive about every second
    }

    @Test
    void drainsALargeTransactionThroughASmallReusedChunk(PostgresServer server) {
        String transport = server.version().major() % 2 == 0 ? "nio" : "netty";
        String slot = "drain_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE drain_items (id bigint PRIMARY KEY, name text, at timestamptz, price numeric)");
            sql.query("CREATE PUBLICATION drain_pub FOR TABLE drain_items");
            // The read-chunk knob, end to end: 4 KiB chunks, so the transaction spans many reused chunks.
            PgConnection repl = Connector.connect(Live.config(server, "user=postgres dbname=postgres replication=database"),
                    Live.transport(transport).toBuilder().set(TransportOption.READ_CHUNK_SIZE, 4096).build());
            new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(slot, "pgoutput")
                    .withSnapshot(SnapshotAction.NOTHING));
            FeedbackPositions positions = new FeedbackPositions();
            try (WalStream stream = WalStream.startLogical(repl, LogicalStartOptions.of(slot, "drain_pub"), positions,
                    Duration.ofSeconds(1))) {
                sql.query("INSERT INTO drain_items SELECT g, 'item-' || g, now(), g / 100.0 FROM generate_series(1, "
                        + ROWS + ") g");
                PgOutputDecoder decoder = new PgOutputDecoder(1);
                RelationCache relations = new RelationCache();
                List<Long> ids = new ArrayList<>(ROWS);
                long[] lastStart = {0};
                Lsn[] commitEnd = {null};
                int batches = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (commitEnd[0] == null && System.nanoTime() < deadline) {
                    int n = stream.drain((walStart, walEnd, sendTime, data, offset, length) -> {
                        lastStart[0] = walStart;
                        PgOutputMessage m = decoder.decode(data, offset, length);
                        relations.accept(m);
                        if (m instanceof Insert i) {
                            Row r = relations.newRow(i);
                            ids.add(r.get("id").asLong());
                        } else if (m instanceof Commit c) {
                            commitEnd[0] = c.endLsn();
                        }
                    }, TimeUnit.SECONDS.toNanos(5));
                    batches += n > 0 ? 1 : 0;
                }
                assertEquals(ROWS, ids.size(), "every row arrives");
                for (int i = 0; i < ROWS; i++) {
                    assertEquals(i + 1, ids.get(i), "row " + i + " in order, intact");
                }
                assertTrue(batches > 1, "a 20,000-row transaction through 4 KiB chunks takes several batches: " + batches);
                assertEquals(lastStart[0], positions.received().value(), "received follows the last drained message");
            }
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
            sql.query("DROP PUBLICATION drain_pub");
            sql.query("DROP TABLE drain_items");
        }
    }

    @Test
    void anIdleStreamReturnsZeroAfterTheTimeoutDespiteKeepalives(PostgresServer server) {
        String transport = server.version().major() % 2 == 0 ? "netty" : "nio";
        String slot = "drain_idle_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE PUBLICATION drain_idle_pub");
            PgConnection repl = Live.connect(server, transport, "user=postgres dbname=postgres replication=database");
            new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(slot, "pgoutput")
                    .withSnapshot(SnapshotAction.NOTHING));
            try (WalStream stream = WalStream.startLogical(repl, LogicalStartOptions.of(slot, "drain_idle_pub"),
                    new FeedbackPositions(), Duration.ofSeconds(30))) { // no timer updates: the server must ping
                long start = System.nanoTime();
                int n = stream.drain((walStart, walEnd, sendTime, data, offset, length) -> {
                    throw new AssertionError("no XLogData expected on an idle publication");
                }, TimeUnit.SECONDS.toNanos(3));
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(0, n);
                assertTrue(elapsedMillis >= 2_900, "waited the timeout: " + elapsedMillis + " ms");
                assertTrue(elapsedMillis < 6_000, "keepalives (about one a second) do not extend the wait: "
                        + elapsedMillis + " ms");
                assertTrue(stream.lastKeepalive() != null, "keepalives were consumed on the way");
            }
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
            sql.query("DROP PUBLICATION drain_idle_pub");
        }
    }
}
