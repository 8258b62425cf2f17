package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.StopMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Defect 1: {@code pg_ctl stop -m fast} waits for every walsender to see its client report all WAL sent as
 * replicated. Connected streams in every flush mode — idle since they started, and with a transaction left open
 * (uncommitted) on the server — must let the server stop within 2 s; so must streams that already delivered and
 * acknowledged one transaction, followed by WAL they have nothing to deliver for. Before the fix an idle stream kept the server from stopping for 25–30 s.
 */
@PostgresTest
class ShutdownIT {

    /** The bound of the issue; the stop takes about 0.2 s when the walsenders are answered correctly. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(2);

    @Test
    void fastShutdownIsNotHeldUpByIdleStreams(PostgresServer server) throws Exception {
        stopWithStreams(server, "idle", false, false);
    }

    @Test
    void fastShutdownIsNotHeldUpByStreamsWhileATransactionIsOpen(PostgresServer server) throws Exception {
        stopWithStreams(server, "open", true, false);
    }

    @Test
    void fastShutdownIsNotHeldUpByStreamsThatDeliveredATransaction(PostgresServer server) throws Exception {
        stopWithStreams(server, "after", false, true);
    }

    private void stopWithStreams(PostgresServer server, String name, boolean openTransaction, boolean delivered)
            throws Exception {
        if (!server.isRunning()) {
            server.start();
        }
        String transport = LiveStreams.alternatingTransport(server.version());
        String table = "shut_" + name;
        Map<FlushMode, String> slots = new LinkedHashMap<>();
        for (FlushMode mode : FlushMode.values()) {
            slots.put(mode, "shut_" + name + "_" + mode.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<LogicalReplicationStream> streams = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        PgConnection open = null;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + table + "_pub FOR TABLE " + table);
            slots.values().forEach(s -> LiveStreams.createSlot(sql, s));
            List<Boolean> committed = new ArrayList<>();
            for (Map.Entry<FlushMode, String> e : slots.entrySet()) {
                LogicalReplicationStream stream = LogicalReplicationStream.open(LiveStreams.config(server, transport,
                        e.getValue(), table + "_pub").flushMode(e.getKey()).reconnect(ReconnectPolicy.NEVER).build());
                streams.add(stream);
                stream.start();
                boolean manual = e.getKey() == FlushMode.MANUAL;
                Thread t = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            ReplicationEvent ev = stream.next(Duration.ofMillis(100));
                            if (ev != null && ev.message() instanceof Commit) {
                                if (manual) {
                                    stream.acknowledge(ev);
                                }
                                synchronized (committed) {
                                    committed.add(true);
                                }
                            }
                        }
                    } catch (RuntimeException expected) {
                        // the server went away
                    }
                }, "shutdown-consumer-" + e.getValue());
                t.setDaemon(true);
                t.start();
                consumers.add(t);
            }
            for (String slot : slots.values()) {
                assertTrue(LiveStreams.await(() -> LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)), slot);
            }
            if (delivered) {
                sql.query("INSERT INTO " + table + " VALUES (1)");
                assertTrue(LiveStreams.await(() -> {
                    synchronized (committed) {
                        return committed.size() == slots.size();
                    }
                }, Duration.ofSeconds(10)), "every stream delivered the transaction");
                // WAL the streams have nothing to deliver for: the walsenders' sent position moves past the
                // acknowledged commit.
                sql.query("CREATE TABLE " + table + "_other (id int)");
                sql.query("INSERT INTO " + table + "_other SELECT generate_series(1, 1000)");
            }
            if (openTransaction) {
                open = Live.sql(server, transport);
                open.query("BEGIN");
                open.query("INSERT INTO " + table + " VALUES (2)");
            }
            Thread.sleep(700); // a status interval (500 ms) and the keepalives after the last change
        }
        long t0 = System.nanoTime();
        server.stop(StopMode.FAST);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        stop.set(true);
        System.out.println("ShutdownIT " + name + " on PostgreSQL " + server.version().major() + ": pg_ctl stop -m fast "
                + "took " + millis + " ms with " + streams.size() + " streams (" + slots.keySet() + ")");
        streams.forEach(LogicalReplicationStream::close);
        for (Thread t : consumers) {
            t.join(5000);
        }
        if (open != null) {
            open.close();
        }
        server.start();
        assertTrue(millis < STOP_BOUND.toMillis(), name + ": pg_ctl stop -m fast took " + millis + " ms with connected "
                + "streams in every flush mode; the walsenders waited for their clients");
    }
}
