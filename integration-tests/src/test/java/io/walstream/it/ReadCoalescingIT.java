package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.spi.TransportOption;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Read coalescing at its largest window (10 ms) against real walsenders: a 20,000-row transaction arrives whole
 * and in order; with no timer status updates and {@code wal_sender_timeout=2s} the stream outlives several
 * timeouts, so every keepalive that asked for a reply was answered in time; a row after the quiet spell arrives
 * promptly; closing the stream ends a blocked reader. Time bounds are generous upper bounds. The transport
 * alternates by server version.
 */
@PostgresTest
class ReadCoalescingIT {

    private static final int ROWS = 20_000;

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder().setting("wal_sender_timeout", "2s").build();
    }

    @Test
    void aCoalescingStreamDeliversEverythingAnswersKeepalivesAndCloses(PostgresServer server) throws Exception {
        String transport = server.version().major() % 2 == 0 ? "nio" : "netty";
        String slot = "coalesce_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE coalesce_items (id bigint PRIMARY KEY, name text)");
            sql.query("CREATE PUBLICATION coalesce_pub FOR TABLE coalesce_items");
            PgConnection repl = Connector.connect(Live.config(server, "user=postgres dbname=postgres replication=database"),
                    Live.transport(transport).toBuilder().set(TransportOption.READ_COALESCING, Duration.ofMillis(10))
                            .build());
            new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(slot, "pgoutput")
                    .withSnapshot(SnapshotAction.NOTHING));
            // A status interval of an hour: after the first update, only replies to the server's keepalives.
            WalStream stream = WalStream.startLogical(repl, LogicalStartOptions.of(slot, "coalesce_pub"),
                    new FeedbackPositions(), Duration.ofHours(1));
            PgOutputDecoder decoder = new PgOutputDecoder(1);
            RelationCache relations = new RelationCache();
            try {
                sql.query("INSERT INTO coalesce_items SELECT g, 'item-' || g FROM generate_series(1, " + ROWS + ") g");
                List<Long> ids = read(stream, ROWS, decoder, relations);
                for (int i = 0; i < ROWS; i++) {
                    assertEquals(i + 1, ids.get(i), "row " + i + " in order");
                }
                // Quiet for three wal_sender_timeouts: the server asks for replies and would end the stream
                // ("replication timeout") if one came late. The reads meanwhile consume its keepalives.
                long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
                while (System.nanoTime() < quietUntil) {
                    assertEquals(null, stream.read(Duration.ofMillis(500)), "nothing but keepalives");
                }
                assertNotNull(stream.lastKeepalive(), "the server sent keepalives");
                assertTrue(stream.statusUpdatesSent() >= 3, "the keepalives that asked were answered: "
                        + stream.statusUpdatesSent());
                // The first row after the quiet spell is not held back.
                long t0 = System.nanoTime();
                sql.query("INSERT INTO coalesce_items VALUES (" + (ROWS + 1) + ", 'late')");
                assertEquals(List.of((long) ROWS + 1), read(stream, 1, decoder, relations));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(millis < 5_000, "the late row took " + millis + " ms");
                // close() ends a reader blocked on the stream.
                CompletableFuture<XLogData> reader = CompletableFuture.supplyAsync(() -> {
                    try {
                        return stream.read(Duration.ofSeconds(60));
                    } catch (RuntimeException e) {
                        return null; // a read ended by close() may throw; only that it ends counts
                    }
                });
                Thread.sleep(200);
                stream.close();
                reader.get(10, TimeUnit.SECONDS);
            } finally {
                stream.close();
            }
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
            sql.query("DROP PUBLICATION coalesce_pub");
            sql.query("DROP TABLE coalesce_items");
        }
    }

    /**
     * Reads one transaction of {@code rows} inserts, up to its Commit (60 s at most), and returns their ids; the
     * decoder and relation cache last as long as the stream (a Relation is sent once per session).
     */
    private static List<Long> read(WalStream stream, int rows, PgOutputDecoder decoder, RelationCache relations) {
        List<Long> ids = new ArrayList<>(rows);
        boolean committed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!committed && System.nanoTime() < deadline) {
            XLogData x = stream.read(Duration.ofSeconds(1));
            if (x == null) {
                continue;
            }
            PgOutputMessage m = decoder.decode(x.payload());
            relations.accept(m);
            if (m instanceof Insert i) {
                ids.add(relations.newRow(i).get("id").asLong());
            } else if (m instanceof Commit) {
                committed = true;
            }
        }
        assertEquals(rows, ids.size(), "every row arrives");
        return ids;
    }
}
