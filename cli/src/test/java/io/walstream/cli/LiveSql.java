package io.walstream.cli;

import io.walstream.Lsn;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.Environment;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.Map;

/** SQL helpers for the live tests of the command: superuser connections and slot positions. */
final class LiveSql {
    static final Environment CLEAN_ENV = Environment.of(Map.of(), "walstream-test", Path.of("/nonexistent-home"));

    private LiveSql() {
    }

    /** The connection string the command gets for the superuser (trust auth). */
    static String conninfo(PostgresServer server) {
        return "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres";
    }

    static PgConnection sql(PostgresServer server) {
        return Connector.connect(ConnectionConfig.parse(conninfo(server), CLEAN_ENV));
    }

    static Lsn insertLsn(PgConnection sql) {
        return Lsn.parse(sql.query("SELECT pg_current_wal_insert_lsn()").getString(0, 0));
    }

    static Lsn confirmedFlush(PgConnection sql, String slot) {
        String v = sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                .getString(0, 0);
        return v == null ? Lsn.INVALID : Lsn.parse(v);
    }

    static void dropSlotQuietly(PgConnection sql, String slot) {
        try {
            sql.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'");
        } catch (RuntimeException e) {
            // best effort
        }
    }
}
