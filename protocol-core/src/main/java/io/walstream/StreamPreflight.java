package io.walstream;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.conn.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before {@code START_REPLICATION}, what the walsender would otherwise report only when the first change
 * arrives — possibly hours later on a quiet database: that the slot exists, is logical, uses pgoutput, belongs to
 * the connected database and is not invalidated, and that every publication exists. Failures read as the server's
 * own errors ({@code replication slot "s" does not exist}, {@code publication "p" does not exist}, SQLSTATE
 * 42704) and are permanent. A slot held by another process is only logged here: START_REPLICATION reports it
 * (55006), and the stream retries that.
 *
 * <p><b>Thread safety:</b> stateless apart from the configuration; not shared.
 */
final class StreamPreflight {

    private static final Logger log = LoggerFactory.getLogger(StreamPreflight.class);

    private final ReplicationConfig config;

    StreamPreflight(ReplicationConfig config) {
        this.config = config;
    }

    void check(PgConnection conn) {
        String slot = config.start().slotName();
        boolean scs = conn.standardConformingStrings();
        ResultSet r = conn.query("SELECT slot_name, slot_type, plugin, database, active_pid"
                + (conn.serverVersion().atLeast(13) ? ", wal_status" : "")
                + " FROM pg_catalog.pg_replication_slots WHERE slot_name = " + Sql.quoteLiteral(slot, scs));
        if (r.rowCount() == 0) {
            throw error("42704", "replication slot \"" + slot + "\" does not exist", null);
        }
        String type = r.getString(0, "slot_type");
        if (!"logical".equals(type)) {
            throw error("55000", "cannot use physical replication slot \"" + slot + "\" for logical decoding", null);
        }
        String plugin = r.getString(0, "plugin");
        if (!"pgoutput".equals(plugin)) {
            throw error("55000", "replication slot \"" + slot + "\" uses output plugin \"" + plugin
                    + "\"; walstream decodes pgoutput", "Create the slot with the pgoutput plugin.");
        }
        String database = r.getString(0, "database");
        String wanted = config.connection().dbname();
        if (database != null && wanted != null && !database.equals(wanted)) {
            throw error("55000", "replication slot \"" + slot + "\" was not created in this database",
                    "The slot belongs to database \"" + database + "\"; this stream connects to \"" + wanted + "\".");
        }
        if (r.columnNames().contains("wal_status") && "lost".equals(r.getString(0, "wal_status"))) {
            throw error("55000", "can no longer get changes from replication slot \"" + slot + "\"",
                    "This slot has been invalidated because it exceeded the maximum reserved size.");
        }
        String pid = r.getString(0, "active_pid");
        if (pid != null) {
            log.warn("Replication slot \"{}\" is in use by the process with PID {}; the stream will retry until it "
                    + "is released", slot, pid);
        }
        List<String> publications = config.start().publications();
        if (publications.isEmpty()) {
            return;
        }
        StringBuilder in = new StringBuilder();
        for (String p : publications) {
            in.append(in.length() == 0 ? "" : ", ").append(Sql.quoteLiteral(p, scs));
        }
        ResultSet pubs = conn.query("SELECT pubname FROM pg_catalog.pg_publication WHERE pubname IN (" + in + ")");
        Set<String> found = new HashSet<>();
        for (int i = 0; i < pubs.rowCount(); i++) {
            found.add(pubs.getString(i, 0));
        }
        List<String> missing = new ArrayList<>();
        for (String p : publications) {
            if (!found.contains(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw error("42704", "publication \"" + missing.get(0) + "\" does not exist", missing.size() == 1 ? null
                    : "Also missing: " + String.join(", ", missing.subList(1, missing.size())) + ".");
        }
    }

    private static ServerErrorException error(String sqlState, String message, String detail) {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "ERROR");
        fields.put('V', "ERROR");
        fields.put('C', sqlState);
        fields.put('M', message);
        if (detail != null) {
            fields.put('D', detail);
        }
        fields.put('W', "checked by walstream before START_REPLICATION");
        return new ServerErrorException(new ServerError("ERROR", sqlState, message, fields));
    }
}
