package io.walstream.cli;

import io.walstream.Lsn;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.ResultSet;
import io.walstream.conn.SnapshotAction;
import io.walstream.conn.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walstream slot list|create|drop|advance}.
 *
 * <p><b>Thread safety:</b> used by picocli on the main thread.
 */
@Command(name = "slot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Administer replication slots.", ""},
        subcommands = {SlotCommand.ListSlots.class, SlotCommand.Create.class, SlotCommand.Drop.class,
            SlotCommand.Advance.class})
final class SlotCommand {

    /** Options of every slot subcommand. */
    static class Common {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        boolean json() {
            return "json".equalsIgnoreCase(format);
        }
    }

    /**
     * {@code slot list}: every slot with its type, plugin, database and positions.
     *
     * <p><b>Thread safety:</b> used by picocli on the main thread.
     */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the replication slots with their positions.")
    static final class ListSlots extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            try (PgConnection conn = connection.connect()) {
                ResultSet r = conn.query("SELECT slot_name, slot_type, plugin, database, temporary, active,"
                        + " restart_lsn, confirmed_flush_lsn, wal_status FROM pg_catalog.pg_replication_slots"
                        + " ORDER BY slot_name");
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < r.rowCount(); i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 0; c < r.columns().size(); c++) {
                        String v = r.getString(i, c);
                        String name = r.columnNames().get(c);
                        row.put(name, name.equals("temporary") || name.equals("active") ? (Object) "t".equals(v) : v);
                    }
                    rows.add(row);
                }
                Report.table(System.out, rows, r.columnNames(), json());
            }
            return ExitCode.OK;
        }
    }

    /**
     * {@code slot create}: a logical pgoutput slot (no exported snapshot).
     *
     * <p><b>Thread safety:</b> used by picocli on the main thread.
     */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a logical slot with the pgoutput plugin.")
    static final class Create extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "SLOT", description = "Slot name.")
        String slot;

        @Option(names = "--two-phase", description = "Enable decoding of prepared transactions (PostgreSQL 15+).")
        boolean twoPhase;

        @Option(names = "--failover", description = "Synchronize the slot to standbys (PostgreSQL 17+).")
        boolean failover;

        @Override
        public Integer call() {
            try (PgConnection conn = connection.connect()) {
                CreateSlotRequest req = CreateSlotRequest.logical(slot, "pgoutput")
                        .withSnapshot(SnapshotAction.NOTHING);
                if (twoPhase) {
                    req = req.withTwoPhase(true);
                }
                if (failover) {
                    req = req.withFailover(true);
                }
                CreatedSlot created = new ReplicationCommands(conn).createReplicationSlot(req);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("slot_name", created.slotName());
                out.put("consistent_point", created.consistentPoint().toString());
                out.put("plugin", created.outputPlugin());
                Report.record(System.out, out, json());
            }
            return ExitCode.OK;
        }
    }

    /**
     * {@code slot drop}: DROP_REPLICATION_SLOT, optionally waiting for its user.
     *
     * <p><b>Thread safety:</b> used by picocli on the main thread.
     */
    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a slot.")
    static final class Drop extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "SLOT", description = "Slot name.")
        String slot;

        @Option(names = "--wait", description = "Wait until a process using the slot releases it.")
        boolean waitIfActive;

        @Override
        public Integer call() {
            try (PgConnection conn = connection.connect()) {
                new ReplicationCommands(conn).dropReplicationSlot(slot, waitIfActive);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dropped", slot);
                Report.record(System.out, out, json());
            }
            return ExitCode.OK;
        }
    }

    /**
     * {@code slot advance}: pg_replication_slot_advance to an LSN or the current WAL end.
     *
     * <p><b>Thread safety:</b> used by picocli on the main thread.
     */
    @Command(name = "advance", mixinStandardHelpOptions = true,
            description = {"Move a slot forward without streaming (pg_replication_slot_advance).",
                "The changes before the new position are skipped for good."})
    static final class Advance extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "SLOT", description = "Slot name.")
        String slot;

        @Option(names = "--to", paramLabel = "LSN", description = "Target position (default: the current WAL end).")
        String to;

        @Override
        public Integer call() {
            String target = to == null ? "pg_catalog.pg_current_wal_lsn()"
                    : Sql.quoteLiteral(StreamCommand.lsn("--to", to).toString(), true) + "::pg_lsn";
            try (PgConnection conn = connection.connect()) {
                ResultSet r = conn.query("SELECT slot_name, end_lsn FROM pg_catalog.pg_replication_slot_advance("
                        + Sql.quoteLiteral(slot, conn.standardConformingStrings()) + ", " + target + ")");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("slot_name", r.getString(0, 0));
                out.put("confirmed_flush_lsn", Lsn.parse(r.getString(0, 1)).toString());
                Report.record(System.out, out, json());
            }
            return ExitCode.OK;
        }
    }
}
