package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.walstream.Lsn;
import io.walstream.ServerErrorException;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SlotPosition;
import io.walstream.conn.SnapshotAction;
import io.walstream.conn.UnsupportedByServerException;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * READ_REPLICATION_SLOT (15+), ALTER_REPLICATION_SLOT (17+), DROP_REPLICATION_SLOT [WAIT], and how the server
 * treats duplicate, missing, upper-case and keyword-like slot names.
 */
@PostgresTest
class SlotCommandsIT {

    private ScheduledExecutorService executor;

    @BeforeEach
    void startExecutor() {
        executor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static CreateSlotRequest logicalSlot(String name) {
        return CreateSlotRequest.logical(name, "pgoutput").withSnapshot(SnapshotAction.NOTHING);
    }

    // --- READ_REPLICATION_SLOT --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void readReplicationSlotAgreesWithPgReplicationSlots(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 15, "READ_REPLICATION_SLOT needs PostgreSQL 15");
        String name = "rrs_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.physical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(CreateSlotRequest.physical(name).withReserveWal(true));
            Optional<SlotPosition> read = cmds.readReplicationSlot(name);
            Map<String, String> row = Slots.row(sql, name);
            assertTrue(read.isPresent());
            assertEquals("physical", read.get().slotType());
            assertNotNull(row.get("restart_lsn"));
            assertEquals(Lsn.parse(row.get("restart_lsn")), read.get().restartLsn());
            assertEquals(Long.valueOf(Slots.checkpointTimeline(sql)), read.get().restartTimeline());
            cmds.dropReplicationSlot(name, false);
            assertEquals(Optional.empty(), cmds.readReplicationSlot(name));
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void readReplicationSlotWithoutReservedWal(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 15, "READ_REPLICATION_SLOT needs PostgreSQL 15");
        String name = "rrs_nores_" + transport;
        try (PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(CreateSlotRequest.physical(name));
            // No WAL reserved yet: the slot exists, its position and timeline are NULL.
            assertEquals(Optional.of(new SlotPosition("physical", null, null)), cmds.readReplicationSlot(name));
            cmds.dropReplicationSlot(name, false);
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void readReplicationSlotOfMissingSlotIsEmpty(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 15, "READ_REPLICATION_SLOT needs PostgreSQL 15");
        try (PgConnection repl = Slots.physical(server, transport)) {
            assertEquals(Optional.empty(), new ReplicationCommands(repl).readReplicationSlot("no_such_slot"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void readReplicationSlotOfLogicalSlotIsRefusedByServer(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 15, "READ_REPLICATION_SLOT needs PostgreSQL 15");
        String name = "rrs_logical_" + transport;
        try (PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name).withTemporary(true));
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> cmds.readReplicationSlot(name));
            assertEquals("0A000", e.sqlState(), e.getMessage());
            assertEquals("cannot use READ_REPLICATION_SLOT with a logical replication slot", e.error().message());
            assertFalse(e.isTransient());
        }
    }

    /** The walsender's error clean-up drops every temporary slot of the session, whatever the error was. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void temporarySlotsVanishWhenTheirSessionHitsAnError(String transport, PostgresServer server) {
        String logicalName = "tmp_err_l_" + transport;
        String physicalName = "tmp_err_p_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection logical = Slots.logical(server, transport);
             PgConnection physical = Slots.physical(server, transport)) {
            ReplicationCommands lc = new ReplicationCommands(logical);
            ReplicationCommands pc = new ReplicationCommands(physical);
            // A failing replication command.
            lc.createReplicationSlot(logicalSlot(logicalName).withTemporary(true));
            pc.createReplicationSlot(CreateSlotRequest.physical(physicalName).withTemporary(true).withReserveWal(true));
            assertThrows(ServerErrorException.class, () -> lc.dropReplicationSlot("no_such_slot", false));
            assertThrows(ServerErrorException.class, () -> pc.dropReplicationSlot("no_such_slot", false));
            assertFalse(Slots.exists(sql, logicalName));
            assertFalse(Slots.exists(sql, physicalName));
            // A failing SQL statement on a logical replication connection.
            lc.createReplicationSlot(logicalSlot(logicalName).withTemporary(true));
            ServerErrorException e = assertThrows(ServerErrorException.class, () -> logical.query("SELECT 1/0"));
            assertEquals("22012", e.sqlState());
            assertFalse(Slots.exists(sql, logicalName));
            // The connections stay usable.
            assertEquals('I', logical.transactionStatus());
            lc.identifySystem();
            pc.identifySystem();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void readReplicationSlotRefusedBefore15(String transport, PostgresServer server) {
        assumeTrue(server.version().major() < 15, "READ_REPLICATION_SLOT exists from PostgreSQL 15");
        try (PgConnection repl = Slots.physical(server, transport)) {
            UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
                    () -> new ReplicationCommands(repl).readReplicationSlot("anything"));
            assertTrue(e.getMessage().startsWith("READ_REPLICATION_SLOT needs PostgreSQL 15"), e.getMessage());
            assertEquals('I', repl.transactionStatus());
            new ReplicationCommands(repl).identifySystem();
        }
    }

    // --- ALTER_REPLICATION_SLOT -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterFailover(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 17, "ALTER_REPLICATION_SLOT needs PostgreSQL 17");
        String name = "alter_fo_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name));
            assertEquals("f", Slots.row(sql, name).get("failover"));
            cmds.alterReplicationSlot(name, true, null);
            assertEquals("t", Slots.row(sql, name).get("failover"));
            cmds.alterReplicationSlot(name, false, null);
            assertEquals("f", Slots.row(sql, name).get("failover"));
            cmds.dropReplicationSlot(name, false);
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterTwoPhase(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 18, "ALTER_REPLICATION_SLOT ... TWO_PHASE needs PostgreSQL 18");
        String name = "alter_2pc_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name));
            assertEquals("f", Slots.row(sql, name).get("two_phase"));
            cmds.alterReplicationSlot(name, null, true);
            assertEquals("t", Slots.row(sql, name).get("two_phase"));
            cmds.alterReplicationSlot(name, true, false);
            Map<String, String> row = Slots.row(sql, name);
            assertEquals("f", row.get("two_phase"));
            assertEquals("t", row.get("failover"));
            cmds.dropReplicationSlot(name, false);
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    /** A temporary slot is active for its own session, so that session may alter it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterOwnTemporarySlot(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 18, "ALTER_REPLICATION_SLOT ... TWO_PHASE needs PostgreSQL 18");
        String name = "alter_own_tmp_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name).withTemporary(true));
            cmds.alterReplicationSlot(name, null, true);
            Map<String, String> row = Slots.row(sql, name);
            assertEquals("t", row.get("two_phase"));
            assertEquals("t", row.get("active"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterFailoverOfTemporarySlotIsRefusedByServer(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 17, "ALTER_REPLICATION_SLOT needs PostgreSQL 17");
        String name = "alter_fo_tmp_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name).withTemporary(true));
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> cmds.alterReplicationSlot(name, true, null));
            assertEquals("0A000", e.sqlState(), e.getMessage());
            assertEquals("cannot enable failover for a temporary replication slot", e.error().message());
            // Any error in a walsender drops the session's temporary slots.
            assertFalse(Slots.exists(sql, name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterPhysicalSlotIsRefusedByServer(String transport, PostgresServer server) {
        assumeTrue(server.version().major() >= 17, "ALTER_REPLICATION_SLOT needs PostgreSQL 17");
        String name = "alter_phys_" + transport;
        try (PgConnection repl = Slots.physical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(CreateSlotRequest.physical(name).withTemporary(true));
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> cmds.alterReplicationSlot(name, true, null));
            assertEquals("0A000", e.sqlState(), e.getMessage());
            assertEquals("cannot use ALTER_REPLICATION_SLOT with a physical replication slot", e.error().message());
        }
    }

    /**
     * ALTER acquires the slot waiting (not failing) while another session has it active; here that session owns
     * the temporary slot, so when it closes the slot is dropped and the ALTER ends with "does not exist".
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterWaitsWhileAnotherSessionHoldsTheSlot(String transport, PostgresServer server) throws Exception {
        assumeTrue(server.version().major() >= 17, "ALTER_REPLICATION_SLOT needs PostgreSQL 17");
        boolean twoPhase = server.version().major() >= 18;
        String name = "alter_busy_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection owner = Slots.logical(server, transport);
             PgConnection other = Slots.logical(server, transport)) {
            new ReplicationCommands(owner).createReplicationSlot(logicalSlot(name).withTemporary(true));
            ReplicationCommands cmds = new ReplicationCommands(other);
            Future<ServerErrorException> alter = CompletableFuture.supplyAsync(() -> {
                try {
                    if (twoPhase) {
                        cmds.alterReplicationSlot(name, null, true);
                    } else {
                        cmds.alterReplicationSlot(name, false, null);
                    }
                    return null;
                } catch (ServerErrorException e) {
                    return e;
                }
            }, executor);
            assertThrows(TimeoutException.class, () -> alter.get(500, TimeUnit.MILLISECONDS),
                    "ALTER should wait while the owner holds the slot");
            assertEquals("f", Slots.row(sql, name).get("two_phase"));
            owner.close();
            ServerErrorException e = alter.get(15, TimeUnit.SECONDS);
            assertNotNull(e, "ALTER of a temporary slot whose owner left");
            assertEquals("42704", e.sqlState(), e.getMessage());
            assertEquals("replication slot \"" + name + "\" does not exist", e.error().message());
            assertFalse(Slots.exists(sql, name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterRefusedBefore17(String transport, PostgresServer server) {
        assumeTrue(server.version().major() < 17, "ALTER_REPLICATION_SLOT exists from PostgreSQL 17");
        String name = "alter_old_" + transport;
        try (PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name).withTemporary(true));
            UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
                    () -> cmds.alterReplicationSlot(name, true, null));
            assertTrue(e.getMessage().startsWith("ALTER_REPLICATION_SLOT needs PostgreSQL 17"), e.getMessage());
            assertThrows(UnsupportedByServerException.class, () -> cmds.alterReplicationSlot(name, null, true));
            assertEquals('I', repl.transactionStatus());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void alterTwoPhaseRefusedBefore18(String transport, PostgresServer server) {
        assumeTrue(server.version().major() == 17, "PostgreSQL 17 has ALTER_REPLICATION_SLOT without TWO_PHASE");
        String name = "alter_2pc_old_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name).withTemporary(true));
            UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
                    () -> cmds.alterReplicationSlot(name, null, true));
            assertTrue(e.getMessage().contains("TWO_PHASE") && e.getMessage().contains("PostgreSQL 18"), e.getMessage());
            assertEquals("f", Slots.row(sql, name).get("two_phase"));
        }
    }

    // --- DROP / CREATE errors ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void dropMissingSlot(String transport, PostgresServer server) {
        try (PgConnection logical = Slots.logical(server, transport);
             PgConnection physical = Slots.physical(server, transport)) {
            for (PgConnection repl : new PgConnection[] {logical, physical}) {
                for (boolean wait : new boolean[] {false, true}) {
                    ServerErrorException e = assertThrows(ServerErrorException.class,
                            () -> new ReplicationCommands(repl).dropReplicationSlot("no_such_slot", wait));
                    assertEquals("42704", e.sqlState(), e.getMessage());
                    assertEquals("replication slot \"no_such_slot\" does not exist", e.error().message());
                    assertFalse(e.isTransient());
                    assertEquals('I', repl.transactionStatus());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void createDuplicateSlot(String transport, PostgresServer server) {
        String name = "dup_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            cmds.createReplicationSlot(logicalSlot(name));
            for (CreateSlotRequest again : new CreateSlotRequest[] {logicalSlot(name), CreateSlotRequest.physical(name)}) {
                ServerErrorException e = assertThrows(ServerErrorException.class, () -> cmds.createReplicationSlot(again));
                assertEquals("42710", e.sqlState(), e.getMessage());
                assertEquals("replication slot \"" + name + "\" already exists", e.error().message());
                assertFalse(e.isTransient());
            }
            assertEquals("logical", Slots.row(sql, name).get("slot_type"));
            cmds.dropReplicationSlot(name, false);
            assertFalse(Slots.exists(sql, name));
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void dropActiveSlotWithoutWait(String transport, PostgresServer server) {
        String name = "busy_nowait_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection owner = Slots.logical(server, transport);
             PgConnection other = Slots.physical(server, transport)) {
            new ReplicationCommands(owner).createReplicationSlot(logicalSlot(name).withTemporary(true));
            String pid = Slots.row(sql, name).get("active_pid");
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> new ReplicationCommands(other).dropReplicationSlot(name, false));
            assertEquals("55006", e.sqlState(), e.getMessage());
            assertEquals("replication slot \"" + name + "\" is active for PID " + pid, e.error().message());
            assertFalse(e.isTransient());
            assertTrue(Slots.exists(sql, name));
        }
    }

    /**
     * DROP ... WAIT blocks until the owner releases the slot. The owner of a temporary slot releases it by ending
     * its session, which drops the slot, so the waiting DROP then finds no slot.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void dropActiveSlotWithWait(String transport, PostgresServer server) throws Exception {
        String name = "busy_wait_" + transport;
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection owner = Slots.logical(server, transport);
             PgConnection other = Slots.physical(server, transport)) {
            new ReplicationCommands(owner).createReplicationSlot(logicalSlot(name).withTemporary(true));
            other.setQueryTimeout(Duration.ofSeconds(15));
            executor.schedule(owner::close, 500, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> new ReplicationCommands(other).dropReplicationSlot(name, true));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMillis >= 400, "DROP ... WAIT returned after " + elapsedMillis + " ms");
            assertEquals("42704", e.sqlState(), e.getMessage());
            assertEquals("replication slot \"" + name + "\" does not exist", e.error().message());
            assertFalse(Slots.exists(sql, name));
            assertEquals('I', other.transactionStatus());
        }
    }

    // --- names ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void upperCaseSlotNameIsRejectedByServer(String transport, PostgresServer server) {
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            for (CreateSlotRequest r : new CreateSlotRequest[] {logicalSlot("Upper_" + transport),
                    CreateSlotRequest.physical("Upper_" + transport)}) {
                ServerErrorException e = assertThrows(ServerErrorException.class, () -> cmds.createReplicationSlot(r));
                assertEquals("42602", e.sqlState(), e.getMessage());
                assertEquals("replication slot name \"Upper_" + transport + "\" contains invalid character",
                        e.error().message());
                assertFalse(e.isTransient());
            }
            assertFalse(Slots.exists(sql, "Upper_" + transport));
            assertFalse(Slots.exists(sql, "upper_" + transport), "the name must not have been folded");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void keywordSlotNameWorksBecauseNamesAreQuoted(String transport, PostgresServer server) {
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            ReplicationCommands cmds = new ReplicationCommands(repl);
            for (CreateSlotRequest r : new CreateSlotRequest[] {logicalSlot("select"), CreateSlotRequest.physical("select")}) {
                try {
                    assertEquals("select", cmds.createReplicationSlot(r).slotName());
                    assertEquals(r.type().name().toLowerCase(), Slots.row(sql, "select").get("slot_type"));
                    cmds.dropReplicationSlot("select", false);
                    assertFalse(Slots.exists(sql, "select"));
                } finally {
                    Slots.dropIfExists(server, transport, "select");
                }
            }
        }
    }
}
