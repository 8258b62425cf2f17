package io.walstream.cli;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.ResultSet;
import io.walstream.conn.SystemIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walstream identify}: IDENTIFY_SYSTEM plus what logical replication needs from the server and the role.
 *
 * <p><b>Thread safety:</b> used by picocli on the main thread.
 */
@Command(name = "identify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Show the server identity and whether it is ready for logical replication.",
            "IDENTIFY_SYSTEM, the server version, wal_level, max_replication_slots, max_wal_senders, and whether "
                + "the connecting role has REPLICATION.", ""})
final class IdentifyCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        try (PgConnection conn = connection.connect()) {
            ReplicationCommands rc = new ReplicationCommands(conn);
            SystemIdentity id = rc.identifySystem();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("systemid", id.systemId());
            out.put("timeline", id.timeline());
            out.put("xlogpos", id.xlogPos().toString());
            out.put("dbname", id.dbName());
            out.put("server_version", conn.serverVersion().display());
            out.put("wal_level", rc.show("wal_level"));
            out.put("max_replication_slots", Long.parseLong(rc.show("max_replication_slots")));
            out.put("max_wal_senders", Long.parseLong(rc.show("max_wal_senders")));
            ResultSet role = conn.query("SELECT current_user, rolreplication, rolsuper FROM pg_catalog.pg_roles"
                    + " WHERE rolname = current_user");
            out.put("user", role.getString(0, 0));
            out.put("replication", "t".equals(role.getString(0, 1)));
            out.put("superuser", "t".equals(role.getString(0, 2)));
            Report.record(System.out, out, "json".equalsIgnoreCase(format));
        }
        return ExitCode.OK;
    }
}
