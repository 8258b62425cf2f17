package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact text of CREATE_REPLICATION_SLOT and ALTER_REPLICATION_SLOT per server version, and the options refused
 * before anything is sent.
 */
class ReplicationCommandSyntaxTest {

    private static final ServerVersion V14 = ServerVersion.parse("14.22");
    private static final ServerVersion V15 = ServerVersion.parse("15.14");
    private static final ServerVersion V16 = ServerVersion.parse("16.10 (Debian 16.10-1.pgdg)");
    private static final ServerVersion V17 = ServerVersion.parse("17.6");
    private static final ServerVersion V18 = ServerVersion.parse("18.1");

    private static ServerVersion version(int major) {
        return switch (major) {
            case 14 -> V14;
            case 15 -> V15;
            case 16 -> V16;
            case 17 -> V17;
            case 18 -> V18;
            default -> throw new IllegalArgumentException("major " + major);
        };
    }

    private static CreateSlotRequest logical(String name) {
        return CreateSlotRequest.logical(name, "pgoutput");
    }

    // --- PostgreSQL 14: positional keywords ----------------------------------------------------------------

    @Test
    void v14PhysicalPlain() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" PHYSICAL",
                ReplicationCommands.createSlotCommand(CreateSlotRequest.physical("s"), V14));
    }

    @Test
    void v14PhysicalTemporaryReserveWal() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" TEMPORARY PHYSICAL RESERVE_WAL",
                ReplicationCommands.createSlotCommand(
                        CreateSlotRequest.physical("s").withTemporary(true).withReserveWal(true), V14));
    }

    @Test
    void v14PhysicalReserveWal() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" PHYSICAL RESERVE_WAL",
                ReplicationCommands.createSlotCommand(CreateSlotRequest.physical("s").withReserveWal(true), V14));
    }

    @Test
    void v14LogicalDefaultSnapshotHasNoKeyword() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\"",
                ReplicationCommands.createSlotCommand(logical("s"), V14));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"EXPORT,EXPORT_SNAPSHOT", "NOTHING,NOEXPORT_SNAPSHOT", "USE,USE_SNAPSHOT"})
    void v14LogicalSnapshotKeywords(SnapshotAction action, String keyword) {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" " + keyword,
                ReplicationCommands.createSlotCommand(logical("s").withSnapshot(action), V14));
    }

    @Test
    void v14LogicalTemporary() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" TEMPORARY LOGICAL \"pgoutput\" NOEXPORT_SNAPSHOT",
                ReplicationCommands.createSlotCommand(
                        logical("s").withTemporary(true).withSnapshot(SnapshotAction.NOTHING), V14));
    }

    @Test
    void namesAreQuoted() {
        assertEquals("CREATE_REPLICATION_SLOT \"select\" LOGICAL \"my\"\"plugin\" USE_SNAPSHOT",
                ReplicationCommands.createSlotCommand(
                        CreateSlotRequest.logical("select", "my\"plugin").withSnapshot(SnapshotAction.USE), V14));
        assertEquals("CREATE_REPLICATION_SLOT \"Ab\"\"c\" PHYSICAL",
                ReplicationCommands.createSlotCommand(CreateSlotRequest.physical("Ab\"c"), V15));
    }

    // --- PostgreSQL 15+: parenthesized options ---------------------------------------------------------------

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16, 17, 18})
    void parenthesizedPhysical(int major) {
        ServerVersion v = version(major);
        assertEquals("CREATE_REPLICATION_SLOT \"s\" PHYSICAL",
                ReplicationCommands.createSlotCommand(CreateSlotRequest.physical("s"), v));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" TEMPORARY PHYSICAL (RESERVE_WAL true)",
                ReplicationCommands.createSlotCommand(
                        CreateSlotRequest.physical("s").withTemporary(true).withReserveWal(true), v));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16, 17, 18})
    void parenthesizedLogical(int major) {
        ServerVersion v = version(major);
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\"",
                ReplicationCommands.createSlotCommand(logical("s"), v));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (SNAPSHOT 'export')",
                ReplicationCommands.createSlotCommand(logical("s").withSnapshot(SnapshotAction.EXPORT), v));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (SNAPSHOT 'use')",
                ReplicationCommands.createSlotCommand(logical("s").withSnapshot(SnapshotAction.USE), v));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" TEMPORARY LOGICAL \"pgoutput\" (SNAPSHOT 'nothing', TWO_PHASE true)",
                ReplicationCommands.createSlotCommand(
                        logical("s").withTemporary(true).withSnapshot(SnapshotAction.NOTHING).withTwoPhase(true), v));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (TWO_PHASE true)",
                ReplicationCommands.createSlotCommand(logical("s").withTwoPhase(true), v));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {17, 18})
    void failoverFrom17(int major) {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (SNAPSHOT 'nothing', TWO_PHASE true, FAILOVER true)",
                ReplicationCommands.createSlotCommand(
                        logical("s").withSnapshot(SnapshotAction.NOTHING).withTwoPhase(true).withFailover(true),
                        version(major)));
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (FAILOVER true)",
                ReplicationCommands.createSlotCommand(logical("s").withFailover(true), version(major)));
    }

    // --- client-side refusals ----------------------------------------------------------------------------------

    private static void assertRefused(String option, int minimum, ServerVersion actual, Runnable command) {
        UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class, command::run);
        assertTrue(e.getMessage().startsWith(option + " needs PostgreSQL " + minimum + " or later"), e.getMessage());
        assertTrue(e.getMessage().contains(actual.display()), e.getMessage());
        assertTrue(!e.isTransient(), "refusals are permanent");
    }

    @Test
    void twoPhaseNeeds15() {
        assertRefused("TWO_PHASE", 15, V14,
                () -> ReplicationCommands.createSlotCommand(logical("s").withTwoPhase(true), V14));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {14, 15, 16})
    void failoverNeeds17(int major) {
        ServerVersion v = version(major);
        assertRefused("FAILOVER", 17, v,
                () -> ReplicationCommands.createSlotCommand(logical("s").withFailover(true), v));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {14, 15, 16})
    void alterNeeds17(int major) {
        ServerVersion v = version(major);
        assertRefused("ALTER_REPLICATION_SLOT", 17, v,
                () -> ReplicationCommands.alterSlotCommand("s", true, null, v));
        assertRefused("ALTER_REPLICATION_SLOT", 17, v,
                () -> ReplicationCommands.alterSlotCommand("s", null, true, v));
    }

    @Test
    void alterTwoPhaseNeeds18() {
        UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
                () -> ReplicationCommands.alterSlotCommand("s", null, true, V17));
        assertTrue(e.getMessage().contains("TWO_PHASE") && e.getMessage().contains("PostgreSQL 18"), e.getMessage());
        assertThrows(UnsupportedByServerException.class,
                () -> ReplicationCommands.alterSlotCommand("s", false, false, V17));
    }

    @Test
    void alterText() {
        assertEquals("ALTER_REPLICATION_SLOT \"s\" (FAILOVER true)",
                ReplicationCommands.alterSlotCommand("s", true, null, V17));
        assertEquals("ALTER_REPLICATION_SLOT \"s\" (FAILOVER false)",
                ReplicationCommands.alterSlotCommand("s", false, null, V18));
        assertEquals("ALTER_REPLICATION_SLOT \"s\" (TWO_PHASE true)",
                ReplicationCommands.alterSlotCommand("s", null, true, V18));
        assertEquals("ALTER_REPLICATION_SLOT \"select\" (FAILOVER true, TWO_PHASE false)",
                ReplicationCommands.alterSlotCommand("select", true, false, V18));
    }

    @Test
    void alterNeedsAnOption() {
        assertThrows(IllegalArgumentException.class, () -> ReplicationCommands.alterSlotCommand("s", null, null, V18));
    }

    @Test
    void betaAndReleaseCandidatesCountAsTheirMajor() {
        assertEquals("CREATE_REPLICATION_SLOT \"s\" LOGICAL \"pgoutput\" (FAILOVER true)",
                ReplicationCommands.createSlotCommand(logical("s").withFailover(true), ServerVersion.parse("17beta1")));
        assertEquals("ALTER_REPLICATION_SLOT \"s\" (TWO_PHASE true)",
                ReplicationCommands.alterSlotCommand("s", null, true, ServerVersion.parse("18rc1")));
    }
}
