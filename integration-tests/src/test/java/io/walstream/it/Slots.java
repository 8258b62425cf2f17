package io.walstream.it;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.conn.Sql;
import io.walstream.testkit.postgres.PostgresServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Replication connections and {@code pg_replication_slots} look-ups shared by the slot tests. */
final class Slots {

    /** Generous: a query that hangs should fail the test, not the build. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private Slots() {
    }

    /** A {@code replication=database} connection to {@code postgres} as the superuser. */
    static PgConnection logical(PostgresServer server, String transport) {
        PgConnection c = Live.connect(server, transport, "user=postgres dbname=postgres replication=database");
        c.setQueryTimeout(QUERY_TIMEOUT);
        return c;
    }

    /** A {@code replication=true} (physical) connection as the superuser. */
    static PgConnection physical(PostgresServer server, String transport) {
        PgConnection c = Live.connect(server, transport, "user=postgres replication=true");
        c.setQueryTimeout(QUERY_TIMEOUT);
        return c;
    }

    /** A normal SQL connection as the superuser. */
    static PgConnection sql(PostgresServer server, String transport) {
        PgConnection c = Live.sql(server, transport);
        c.setQueryTimeout(QUERY_TIMEOUT);
        return c;
    }

    /** @return the slot's row of {@code pg_replication_slots} as column name to text value, or {@code null} */
    static Map<String, String> row(PgConnection sql, String slotName) {
        ResultSet r = sql.query("SELECT * FROM pg_replication_slots WHERE slot_name = "
                + Sql.quoteLiteral(slotName, sql.standardConformingStrings()));
        if (r.rowCount() == 0) {
            return null;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < r.columns().size(); i++) {
            row.put(r.columnNames().get(i), r.getString(0, i));
        }
        return row;
    }

    static boolean exists(PgConnection sql, String slotName) {
        return row(sql, slotName) != null;
    }

    /** Waits until the slot is gone (a temporary slot is dropped by its walsender as that exits). */
    static boolean awaitGone(PgConnection sql, String slotName, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exists(sql, slotName)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Best-effort clean-up after a failed test: drops a leftover persistent slot so later tests have room. */
    static void dropIfExists(PostgresServer server, String transport, String slotName) {
        try (PgConnection sql = sql(server, transport)) {
            Map<String, String> row = row(sql, slotName);
            if (row != null && "f".equals(row.get("temporary")) && "f".equals(row.get("active"))) {
                sql.query("SELECT pg_drop_replication_slot("
                        + Sql.quoteLiteral(slotName, sql.standardConformingStrings()) + ")");
            }
        } catch (RuntimeException ignored) {
            // clean-up only
        }
    }

    /** {@code SELECT timeline_id FROM pg_control_checkpoint()} */
    static long checkpointTimeline(PgConnection sql) {
        return Long.parseLong(sql.query("SELECT timeline_id FROM pg_control_checkpoint()").getString(0, 0));
    }
}
