package io.walstream.cli;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks before streaming, on a short-lived connection, so that a missing slot or publication is one clear
 * error on every server version (PostgreSQL 18 only warns about a missing publication and streams the others;
 * 14–17 fail at the first change).
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Preflight {

    private Preflight() {
    }

    static void check(ConnectionOptions connection, String slot, List<String> publications, boolean createSlot) {
        try (PgConnection conn = connection.connect()) {
            Set<String> existing = new HashSet<>();
            ResultSet pubs = conn.query("SELECT pubname FROM pg_catalog.pg_publication");
            for (int i = 0; i < pubs.rowCount(); i++) {
                existing.add(pubs.getString(i, 0));
            }
            for (String p : publications) {
                if (!existing.contains(p)) {
                    throw new CliException(ExitCode.SERVER, "publication \"" + p + "\" does not exist in database \""
                            + connection.replicationConfig().dbname() + "\" (create it with CREATE PUBLICATION " + p
                            + " FOR ALL TABLES)");
                }
            }
            if (!createSlot) {
                ResultSet slots = conn.query("SELECT slot_name, slot_type, plugin"
                        + " FROM pg_catalog.pg_replication_slots");
                boolean found = false;
                for (int i = 0; i < slots.rowCount(); i++) {
                    if (slot.equals(slots.getString(i, 0))) {
                        found = true;
                        if (!"logical".equals(slots.getString(i, 1)) || !"pgoutput".equals(slots.getString(i, 2))) {
                            throw new CliException(ExitCode.SERVER, "replication slot \"" + slot + "\" is "
                                    + slots.getString(i, 1) + " with plugin " + slots.getString(i, 2)
                                    + "; walstream needs a logical slot with plugin pgoutput");
                        }
                    }
                }
                if (!found) {
                    throw new CliException(ExitCode.SERVER, "replication slot \"" + slot + "\" does not exist"
                            + " (add --create-slot, or run: walstream slot create " + slot + ")");
                }
            }
        }
    }
}
