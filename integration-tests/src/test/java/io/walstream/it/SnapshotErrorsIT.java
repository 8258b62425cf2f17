package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.snapshot.SnapshotException;
import io.walstream.snapshot.SnapshotExpiredException;
import io.walstream.snapshot.SnapshotHandler;
import io.walstream.snapshot.SnapshotPermissionException;
import io.walstream.snapshot.SnapshotTableDroppedException;
import io.walstream.snapshot.TableSnapshot;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each way a snapshot can fail on a real server ends in its own typed error naming the facts, promptly. */
@PostgresTest
class SnapshotErrorsIT {

    @Test
    void snapshotExpiredBecauseTheReplicationSessionWasUsed(PostgresServer server) {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport); PgConnection repl = Slots.logical(server, transport)) {
            sql.query("CREATE TABLE se_exp (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION se_exp_pub FOR TABLE se_exp");
            CreatedSlot slot = export(repl, "se_exp_slot");
            new ReplicationCommands(repl).identifySystem(); // the next command ends the exported snapshot
            SnapshotExpiredException e = assertThrows(SnapshotExpiredException.class,
                    () -> snapshot(server, transport, slot, "postgres", "se_exp_pub").run(row -> { }));
            assertTrue(e.getMessage().contains(slot.snapshotName()), e.getMessage());
            // 14-16: 22023 invalid snapshot identifier; 17+: 42704 snapshot does not exist
            assertTrue(e.sqlState().equals("22023") || e.sqlState().equals("42704"), e.sqlState());
            assertNull(e.table());
        }
    }

    @Test
    void missingSelectPrivilegeNamesTheTable(PostgresServer server) {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport); PgConnection repl = Slots.logical(server, transport)) {
            sql.query("CREATE TABLE se_ok (id int PRIMARY KEY)");
            sql.query("CREATE TABLE se_secret (id int PRIMARY KEY)");
            sql.query("INSERT INTO se_ok VALUES (1)");
            sql.query("INSERT INTO se_secret VALUES (1)");
            sql.query("CREATE PUBLICATION se_priv_pub FOR TABLE se_ok, se_secret");
            sql.query("CREATE ROLE se_reader LOGIN");
            sql.query("GRANT SELECT ON se_ok TO se_reader");
            CreatedSlot slot = export(repl, "se_priv_slot");
            SnapshotPermissionException e = assertThrows(SnapshotPermissionException.class,
                    () -> snapshot(server, transport, slot, "se_reader", "se_priv_pub").run(row -> { }));
            assertEquals("public.se_secret", e.table());
            assertEquals("42501", e.sqlState());
            assertTrue(e.getMessage().contains("public.se_secret"), e.getMessage());
        }
    }

    @Test
    void tableDroppedDuringTheSnapshot(PostgresServer server) {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport); PgConnection repl = Slots.logical(server, transport);
             PgConnection dropper = Slots.sql(server, transport)) {
            sql.query("CREATE TABLE se_big (id int PRIMARY KEY, v text)");
            sql.query("INSERT INTO se_big SELECT g, repeat('v', 100) FROM generate_series(1, 20000) g");
            sql.query("CREATE TABLE se_small (id int PRIMARY KEY)");
            sql.query("INSERT INTO se_small VALUES (1)");
            sql.query("CREATE PUBLICATION se_drop_pub FOR TABLE se_big, se_small");
            dropper.query("SET lock_timeout = '10s'"); // a planner lock would make the DROP fail, not hang
            CreatedSlot slot = export(repl, "se_drop_slot");
            AtomicLong rows = new AtomicLong();
            // one worker reads the large table first; the slow handler keeps it there while se_small is dropped
            TableSnapshot snapshot = TableSnapshot.builder(Live.config(server, "user=postgres dbname=postgres"))
                    .transportOptions(Live.transport(transport)).publications("se_drop_pub")
                    .snapshotName(slot.snapshotName()).workers(1).memoryBudget(1).build();
            SnapshotHandler handler = row -> {
                if (rows.incrementAndGet() == 1) {
                    dropper.query("DROP TABLE se_small");
                }
            };
            long start = System.nanoTime();
            SnapshotTableDroppedException e = assertThrows(SnapshotTableDroppedException.class,
                    () -> snapshot.run(handler));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
            assertEquals("public.se_small", e.table());
            assertEquals("42P01", e.sqlState());
            assertTrue(e instanceof SnapshotException);
        }
    }

    private static CreatedSlot export(PgConnection repl, String name) {
        return new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest.logical(name, "pgoutput")
                .withTemporary(true).withSnapshot(SnapshotAction.EXPORT));
    }

    private static TableSnapshot snapshot(PostgresServer server, String transport, CreatedSlot slot, String user,
                                          String publication) {
        return TableSnapshot.builder(Live.config(server, "user=" + user + " dbname=postgres"))
                .transportOptions(Live.transport(transport)).publications(publication)
                .snapshotName(slot.snapshotName()).workers(2).build();
    }
}
