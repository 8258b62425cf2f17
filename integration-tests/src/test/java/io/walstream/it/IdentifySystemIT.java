package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.ServerErrorException;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDENTIFY_SYSTEM, SHOW and TIMELINE_HISTORY on logical and physical replication connections. */
@PostgresTest
class IdentifySystemIT {

    private static void assertAgreesWithControlData(SystemIdentity id, PgConnection sql) {
        // Read right after IDENTIFY_SYSTEM: the flush position it reported cannot be ahead of the current WAL end.
        Lsn current = Lsn.parse(sql.query("SELECT pg_current_wal_lsn()").getString(0, 0));
        assertEquals(sql.query("SELECT system_identifier::text FROM pg_control_system()").getString(0, 0), id.systemId());
        assertEquals(Slots.checkpointTimeline(sql), id.timeline());
        assertTrue(id.xlogPos().isValid(), "xlogpos " + id.xlogPos());
        assertTrue(id.xlogPos().compareTo(current) <= 0, "xlogpos " + id.xlogPos() + " > pg_current_wal_lsn " + current);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void logicalConnection(String transport, PostgresServer server) {
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.logical(server, transport)) {
            SystemIdentity id = new ReplicationCommands(repl).identifySystem();
            assertAgreesWithControlData(id, sql);
            assertEquals("postgres", id.dbName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void physicalConnection(String transport, PostgresServer server) {
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = Slots.physical(server, transport)) {
            SystemIdentity id = new ReplicationCommands(repl).identifySystem();
            assertAgreesWithControlData(id, sql);
            assertNull(id.dbName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void showOnBothKinds(String transport, PostgresServer server) {
        try (PgConnection logical = Slots.logical(server, transport);
             PgConnection physical = Slots.physical(server, transport)) {
            for (PgConnection repl : new PgConnection[] {logical, physical}) {
                ReplicationCommands cmds = new ReplicationCommands(repl);
                assertEquals("logical", cmds.show("wal_level"));
                assertEquals(Integer.toString(server.serverVersionNum()), cmds.show("server_version_num"));
                assertEquals(server.serverVersionNum(), repl.serverVersion().number());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void timelineHistoryOfTheFirstTimelineDoesNotExist(String transport, PostgresServer server) {
        try (PgConnection logical = Slots.logical(server, transport);
             PgConnection physical = Slots.physical(server, transport)) {
            for (PgConnection repl : new PgConnection[] {logical, physical}) {
                ReplicationCommands cmds = new ReplicationCommands(repl);
                ServerErrorException e = assertThrows(ServerErrorException.class, () -> cmds.timelineHistory(1));
                // The server has no history file for timeline 1 (it never switched timelines).
                assertEquals("58P01", e.sqlState(), e.getMessage());
                assertTrue(e.error().message().contains("00000001.history"), e.getMessage());
                assertFalse(e.isTransient());
                assertEquals('I', repl.transactionStatus());
                // The connection stays usable.
                assertEquals(1L, cmds.identifySystem().timeline());
            }
        }
    }
}
