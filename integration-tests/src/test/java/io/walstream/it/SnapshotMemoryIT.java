package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.snapshot.SnapshotProgress;
import io.walstream.snapshot.TableSnapshot;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded when the handler is slow: readers block on the bounded hand-over queue, so the rows read
 * ahead of the handler stay within a few batches, and then everything arrives once the handler catches up.
 * The bound is client-side logic, so one server version is enough (the others are covered by the other snapshot
 * tests).
 */
@PostgresTest
@PostgresVersions({17})
class SnapshotMemoryIT {

    @Test
    void readersBlockWhileTheHandlerIsSlow(PostgresServer server) {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport); PgConnection repl = Slots.logical(server, transport)) {
            sql.query("CREATE TABLE sm_big (id int PRIMARY KEY, v text)");
            sql.query("INSERT INTO sm_big SELECT g, repeat('m', 50) FROM generate_series(1, 30000) g");
            sql.query("CREATE PUBLICATION sm_pub FOR TABLE sm_big");
            CreatedSlot slot = new ReplicationCommands(repl).createReplicationSlot(
                    CreateSlotRequest.logical("sm_slot", "pgoutput").withTemporary(true)
                            .withSnapshot(SnapshotAction.EXPORT));
            TableSnapshot snapshot = TableSnapshot.builder(Live.config(server, "user=postgres dbname=postgres"))
                    .transportOptions(Live.transport(transport)).publications("sm_pub")
                    .snapshotName(slot.snapshotName()).workers(2).pagesPerChunk(16).memoryBudget(1).build();
            List<SnapshotProgress> whileStalled = new ArrayList<>();
            SnapshotProgress done = snapshot.run(row -> {
                long n = snapshot.progress().rows();
                if (n == 0 || n == 15000) {
                    InitialSnapshotIT.sleep(1500); // a stalled consumer: the readers have plenty of time
                    whileStalled.add(snapshot.progress());
                }
            });
            assertEquals(30000, done.rows());
            assertEquals(30000, done.rowsRead());
            // two queued batches, one batch per worker blocked in put, one being handled: 512 rows each
            for (SnapshotProgress p : whileStalled) {
                long ahead = p.rowsRead() - p.rows();
                assertTrue(ahead > 0 && ahead <= 5 * 512, "rows read ahead of the handler: " + ahead + " (" + p + ")");
            }
            assertEquals(2, whileStalled.size());
        }
    }
}
