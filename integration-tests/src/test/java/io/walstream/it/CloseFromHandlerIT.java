package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Defect 2 on a real server: closing the stream from inside the handler of each consuming API, right after the
 * second of two transactions, leaves the slot's {@code confirmed_flush_lsn} at that transaction's end — the final
 * status update reported it, so a restarted consumer does not get it again.
 */
@PostgresTest
class CloseFromHandlerIT {

    /** Runs {@code consume(stream, closeAt)}: it must close the stream from a handler once it handled closeAt. */
    private static void check(PostgresServer server, String name,
                              BiConsumer<LogicalReplicationStream, AtomicReference<Lsn>> consume) throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        String table = "cfh_" + name;
        String slot = "cfh_" + name;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + table + "_pub FOR TABLE " + table);
            LiveStreams.createSlot(sql, slot);
            sql.query("INSERT INTO " + table + " VALUES (1)");
            sql.query("INSERT INTO " + table + " VALUES (2)");
            AtomicReference<Lsn> lastEnd = new AtomicReference<>();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                    slot, table + "_pub").statusInterval(Duration.ofSeconds(30)).build())) {
                consume.accept(stream, lastEnd);
            }
            assertTrue(LiveStreams.await(() -> !LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)));
            assertEquals(lastEnd.get(), LiveStreams.confirmedFlush(sql, slot),
                    name + ": the final status update reports the transaction the handler finished");
            LiveStreams.dropSlotQuietly(server, slot);
        }
    }

    /** Counts commits; the second one closes the stream from inside the handler. */
    private static boolean secondCommit(ReplicationEvent e, int[] commits, AtomicReference<Lsn> lastEnd) {
        if (e.message() instanceof Commit c && ++commits[0] == 2) {
            lastEnd.set(c.endLsn());
            return true;
        }
        return false;
    }

    @Test
    void forEach(PostgresServer server) throws Exception {
        check(server, "foreach", (stream, lastEnd) -> {
            int[] commits = {0};
            stream.forEach(e -> {
                if (secondCommit(e, commits, lastEnd)) {
                    stream.close();
                }
            });
        });
    }

    @Test
    void forEachRaw(PostgresServer server) throws Exception {
        check(server, "raw", (stream, lastEnd) -> {
            int[] commits = {0};
            stream.forEachRaw(e -> {
                if (e.tag() == 'C' && ++commits[0] == 2) {
                    lastEnd.set(e.ackLsn());
                    stream.close();
                }
            });
        });
    }

    @Test
    void forEachTransaction(PostgresServer server) throws Exception {
        check(server, "tx", (stream, lastEnd) -> {
            int[] commits = {0};
            stream.forEachTransaction(t -> {
                if (++commits[0] == 2) {
                    lastEnd.set(t.endLsn());
                    stream.close();
                }
            });
        });
    }

    @Test
    void publisher(PostgresServer server) throws Exception {
        check(server, "pub", (stream, lastEnd) -> {
            int[] commits = {0};
            CountDownLatch done = new CountDownLatch(1);
            stream.publisher().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ReplicationEvent e) {
                    if (secondCommit(e, commits, lastEnd)) {
                        stream.close();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            try {
                assertTrue(done.await(30, TimeUnit.SECONDS), "the subscription ended");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
