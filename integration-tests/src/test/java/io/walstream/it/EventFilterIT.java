package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.LogicalReplicationStream;
import io.walstream.Operation;
import io.walstream.ReplicationEvent;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * {@code changesOnly} and {@code tables} through the {@link Flow.Publisher}: only the named table's row changes
 * reach the subscriber, each with its xid and commit LSN, and the commits of filtered-out transactions (one
 * touching only another table) are still acknowledged.
 */
@PostgresTest
class EventFilterIT {

    @Test
    void publisherDeliversOnlyTheNamedTablesChangesAndStillAcknowledges(PostgresServer server) throws Exception {
        try (StreamFixture f = new StreamFixture(server, "nio", "efilter")) {
            String other = f.table + "_other";
            f.a.query("CREATE TABLE " + other + " (id bigint PRIMARY KEY)");
            f.a.query("ALTER PUBLICATION " + f.publication + " ADD TABLE " + other);
            LogicalReplicationStream stream = f.open(b -> b.changesOnly(true).tables("public." + f.table));
            List<ReplicationEvent> got = new CopyOnWriteArrayList<>();
            stream.publisher().subscribe(new Flow.Subscriber<ReplicationEvent>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ReplicationEvent e) {
                    got.add(e);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
            f.a.queryAll("BEGIN; INSERT INTO " + f.table + " VALUES (1, 'one', 10); INSERT INTO " + other
                    + " VALUES (1); COMMIT");
            f.a.query("UPDATE " + f.table + " SET amount = 11 WHERE id = 1");
            Lsn beforeLast = LiveStreams.currentLsn(f.a); // every earlier commit ends at or before this
            f.a.query("INSERT INTO " + other + " VALUES (2)"); // a transaction the filter drops entirely
            assertTrue(LiveStreams.await(() -> got.size() >= 2 && stream.positions().flushed().isAfter(beforeLast)
                    || got.size() > 2, Duration.ofSeconds(30)), "got " + got + ", flushed "
                    + stream.positions().flushed() + ", expected past " + beforeLast);
            Thread.sleep(300);
            assertEquals(2, got.size(), got.toString());
            assertEquals(Operation.INSERT, got.get(0).operation());
            assertEquals(Operation.UPDATE, got.get(1).operation());
            for (ReplicationEvent e : got) {
                assertEquals(f.table, e.table());
                assertEquals("public", e.schema());
                assertTrue(e.xid().isPresent() && e.commitLsn().isPresent() && e.commitTime().isPresent(),
                        e.toString());
            }
            assertEquals(11L, got.get(1).after().get("amount").asLong());
        }
    }
}
