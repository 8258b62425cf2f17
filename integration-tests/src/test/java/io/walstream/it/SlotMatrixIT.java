package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.ServerErrorException;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.ServerVersion;
import io.walstream.conn.SlotType;
import io.walstream.conn.SnapshotAction;
import io.walstream.conn.Sql;
import io.walstream.conn.UnsupportedByServerException;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CREATE_REPLICATION_SLOT option combination, each its own test: created and checked in
 * {@code pg_replication_slots} where the server supports it, refused before sending where it does not, refused by
 * the server where the server says so (FAILOVER on a TEMPORARY slot).
 */
@PostgresTest
class SlotMatrixIT {

    /** One option combination. {@code snapshot} is {@code null} for "server default" and for physical slots. */
    record Combo(SlotType type, boolean temporary, SnapshotAction snapshot, boolean twoPhase, boolean failover,
                 boolean reserveWal) {

        /** @return the lowest major that accepts these options */
        int minimumMajor() {
            return failover ? 17 : twoPhase ? 15 : 14;
        }

        /** @return the option the client names when refusing it on {@code major}: the first one too new for it */
        String refusedOption(int major) {
            return twoPhase && major < 15 ? "TWO_PHASE" : "FAILOVER";
        }

        /** @return the minimum major the client names when refusing it on {@code major} */
        int refusedMinimum(int major) {
            return twoPhase && major < 15 ? 15 : 17;
        }

        boolean logical() {
            return type == SlotType.LOGICAL;
        }

        /** The server refuses FAILOVER for a temporary slot. */
        boolean refusedByServer() {
            return failover && temporary;
        }

        /** Temporary slots: some are dropped explicitly, the others vanish when their connection closes. */
        boolean dropByClosing() {
            return temporary && (logical() ? snapshot == null || snapshot == SnapshotAction.USE : !reserveWal);
        }

        CreateSlotRequest request(String name) {
            CreateSlotRequest r = logical() ? CreateSlotRequest.logical(name, "pgoutput").withSnapshot(snapshot)
                    .withTwoPhase(twoPhase).withFailover(failover) : CreateSlotRequest.physical(name).withReserveWal(reserveWal);
            return r.withTemporary(temporary);
        }

        String slotName(String transport) {
            StringBuilder sb = new StringBuilder("m_").append(transport).append(logical() ? "_l" : "_p");
            sb.append(temporary ? "_tmp" : "_per");
            if (logical()) {
                sb.append('_').append(snapshot == null ? "dflt" : snapshot.optionValue());
                sb.append(twoPhase ? "_2pc" : "").append(failover ? "_fo" : "");
            } else {
                sb.append(reserveWal ? "_rsv" : "");
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            parts.add(logical() ? "LOGICAL pgoutput" : "PHYSICAL");
            if (temporary) {
                parts.add("TEMPORARY");
            }
            if (logical()) {
                parts.add("SNAPSHOT " + (snapshot == null ? "(default)" : snapshot.optionValue()));
            }
            if (twoPhase) {
                parts.add("TWO_PHASE");
            }
            if (failover) {
                parts.add("FAILOVER");
            }
            if (reserveWal) {
                parts.add("RESERVE_WAL");
            }
            return String.join(" ", parts);
        }
    }

    static List<Combo> combos() {
        List<Combo> all = new ArrayList<>();
        List<SnapshotAction> snapshots = new ArrayList<>(Arrays.asList((SnapshotAction) null));
        snapshots.addAll(List.of(SnapshotAction.values()));
        for (boolean temporary : new boolean[] {false, true}) {
            for (SnapshotAction snapshot : snapshots) {
                for (boolean twoPhase : new boolean[] {false, true}) {
                    for (boolean failover : new boolean[] {false, true}) {
                        all.add(new Combo(SlotType.LOGICAL, temporary, snapshot, twoPhase, failover, false));
                    }
                }
            }
            for (boolean reserveWal : new boolean[] {false, true}) {
                all.add(new Combo(SlotType.PHYSICAL, temporary, null, false, false, reserveWal));
            }
        }
        return all;
    }

    static Stream<Arguments> cases() {
        return Stream.of("nio", "netty").flatMap(t -> combos().stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void createCheckDrop(String transport, Combo combo, PostgresServer server) throws InterruptedException {
        String name = combo.slotName(transport);
        try (PgConnection sql = Slots.sql(server, transport);
             PgConnection repl = combo.logical() ? Slots.logical(server, transport) : Slots.physical(server, transport)) {
            assertFalse(Slots.exists(sql, name), "left over from an earlier run: " + name);
            ReplicationCommands cmds = new ReplicationCommands(repl);
            ServerVersion version = repl.serverVersion();
            CreateSlotRequest request = combo.request(name);

            if (version.major() < combo.minimumMajor()) {
                UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class,
                        () -> cmds.createReplicationSlot(request));
                assertTrue(e.getMessage().startsWith(combo.refusedOption(version.major()) + " needs PostgreSQL "
                        + combo.refusedMinimum(version.major()) + " or later"), e.getMessage());
                assertFalse(Slots.exists(sql, name));
                // Nothing was sent: the connection is idle and usable.
                assertEquals('I', repl.transactionStatus());
                assertEquals(Slots.checkpointTimeline(sql), cmds.identifySystem().timeline());
                return;
            }
            if (combo.refusedByServer()) {
                ServerErrorException e = assertThrows(ServerErrorException.class, () -> cmds.createReplicationSlot(request));
                assertEquals("0A000", e.sqlState(), e.getMessage());
                assertEquals("cannot enable failover for a temporary replication slot", e.error().message());
                assertFalse(e.isTransient());
                assertFalse(Slots.exists(sql, name));
                return;
            }

            if (combo.snapshot() == SnapshotAction.USE) {
                repl.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            }
            CreatedSlot created = cmds.createReplicationSlot(request);
            assertEquals(name, created.slotName());
            if (combo.logical()) {
                assertEquals("pgoutput", created.outputPlugin());
                assertTrue(created.consistentPoint().isValid(), "consistent point " + created.consistentPoint());
                if (combo.snapshot() == null || combo.snapshot() == SnapshotAction.EXPORT) {
                    // EXPORT is the server's default. Import it while the creating connection runs nothing else.
                    assertNotNull(created.snapshotName(), "exported snapshot name");
                    importSnapshot(sql, created.snapshotName());
                    // The next command on the creating connection ends the export.
                    cmds.identifySystem();
                    sql.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
                    ServerErrorException gone = assertThrows(ServerErrorException.class, () -> sql.query(
                            "SET TRANSACTION SNAPSHOT " + Sql.quoteLiteral(created.snapshotName(), sql.standardConformingStrings())));
                    if (version.atLeast(17)) {
                        assertEquals("42704", gone.sqlState(), gone.getMessage());
                        assertEquals("snapshot \"" + created.snapshotName() + "\" does not exist", gone.error().message());
                    } else {
                        assertEquals("22023", gone.sqlState(), gone.getMessage());
                        assertEquals("invalid snapshot identifier: \"" + created.snapshotName() + "\"",
                                gone.error().message());
                    }
                    sql.query("ROLLBACK");
                } else {
                    assertNull(created.snapshotName());
                }
                if (combo.snapshot() == SnapshotAction.USE) {
                    assertEquals('T', repl.transactionStatus());
                    // The transaction now runs on the slot's snapshot; it can read.
                    assertEquals("1", repl.query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'")
                            .getString(0, 0));
                    repl.query("COMMIT");
                    assertEquals('I', repl.transactionStatus());
                }
            } else {
                assertEquals(Lsn.INVALID, created.consistentPoint());
                assertNull(created.snapshotName());
                assertNull(created.outputPlugin());
            }

            Map<String, String> row = Slots.row(sql, name);
            assertNotNull(row, "slot " + name + " in pg_replication_slots");
            assertEquals(combo.logical() ? "logical" : "physical", row.get("slot_type"));
            assertEquals(combo.logical() ? "pgoutput" : null, row.get("plugin"));
            assertEquals(combo.logical() ? "postgres" : null, row.get("database"));
            assertEquals(combo.temporary() ? "t" : "f", row.get("temporary"));
            // A temporary slot stays acquired by its session; a persistent one is released after creation.
            assertEquals(combo.temporary() ? "t" : "f", row.get("active"));
            assertEquals(combo.twoPhase() ? "t" : "f", row.get("two_phase")); // the column exists from 14 on
            if (version.atLeast(17)) {
                assertEquals(combo.failover() ? "t" : "f", row.get("failover"));
            } else {
                assertFalse(row.containsKey("failover"));
            }
            if (combo.logical()) {
                assertNotNull(row.get("restart_lsn"));
                assertEquals(created.consistentPoint(), Lsn.parse(row.get("confirmed_flush_lsn")));
            } else {
                assertEquals(combo.reserveWal(), row.get("restart_lsn") != null, "restart_lsn " + row.get("restart_lsn"));
                assertNull(row.get("confirmed_flush_lsn"));
            }

            if (combo.dropByClosing()) {
                repl.close();
                assertTrue(Slots.awaitGone(sql, name, Duration.ofSeconds(10)),
                        "temporary slot " + name + " still exists after its connection closed");
            } else {
                cmds.dropReplicationSlot(name, false);
                assertFalse(Slots.exists(sql, name));
                assertEquals('I', repl.transactionStatus());
            }
        } finally {
            Slots.dropIfExists(server, transport, name);
        }
    }

    private static void importSnapshot(PgConnection sql, String snapshotName) {
        sql.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
        try {
            sql.query("SET TRANSACTION SNAPSHOT " + Sql.quoteLiteral(snapshotName, sql.standardConformingStrings()));
            assertEquals("1", sql.query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'").getString(0, 0));
        } finally {
            sql.query("COMMIT");
        }
    }
}
