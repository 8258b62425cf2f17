package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.walstream.LogicalReplicationStream;
import io.walstream.Operation;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Row;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The replication session prints text-format values canonically even when the role's defaults say otherwise:
 * walstream sends {@code DateStyle=ISO}, {@code IntervalStyle=postgres}, {@code extra_float_digits=1},
 * {@code TimeZone=UTC}, {@code bytea_output=hex} as start-up parameters, which beat {@code ALTER ROLE … SET};
 * a setting the user names in {@code options} is left to the user.
 */
@PostgresTest
class ValueOutputSettingsIT {

    private static final String ROLE = "walstream_valfmt";
    private static final String TABLE = "valfmt";

    @Test
    void textValuesAreCanonicalUnlessOptionsSaySo(PostgresServer server) {
        String transport = server.version().major() % 2 == 0 ? "nio" : "netty";
        PgConnection a = Slots.sql(server, transport);
        try {
            a.query("DROP PUBLICATION IF EXISTS " + TABLE + "_pub");
            a.query("DROP TABLE IF EXISTS " + TABLE);
            a.query("DROP ROLE IF EXISTS " + ROLE);
            a.query("CREATE ROLE " + ROLE + " LOGIN SUPERUSER REPLICATION");
            a.query("ALTER ROLE " + ROLE + " SET DateStyle = 'SQL, DMY'");
            a.query("ALTER ROLE " + ROLE + " SET IntervalStyle = 'sql_standard'");
            a.query("ALTER ROLE " + ROLE + " SET TimeZone = 'Asia/Kolkata'");
            a.query("ALTER ROLE " + ROLE + " SET extra_float_digits = 0");
            a.query("ALTER ROLE " + ROLE + " SET bytea_output = 'escape'");
            a.query("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, d date, ts timestamptz, iv interval, "
                    + "f float8, b bytea)");
            a.query("CREATE PUBLICATION " + TABLE + "_pub FOR TABLE " + TABLE);

            Row canonical = insertAndRead(server, transport, a, 1, "");
            assertEquals("2026-12-07", canonical.get("d").asString());
            assertEquals("2026-12-07 10:00:00.5+00", canonical.get("ts").asString());
            assertEquals("1 day 02:03:04", canonical.get("iv").asString());
            assertEquals("0.3333333333333333", canonical.get("f").asString());
            assertEquals("\\x0aff", canonical.get("b").asString());

            // the user's own choice in options wins; the rest stays canonical
            Row chosen = insertAndRead(server, transport, a, 2, "-c DateStyle=SQL,DMY");
            assertEquals("07/12/2026", chosen.get("d").asString());
            assertEquals("1 day 02:03:04", chosen.get("iv").asString());
            String ts = chosen.get("ts").asString();
            assertEquals(true, ts.startsWith("07/12/2026 10:00:00.5") && ts.endsWith(" UTC"),
                    "SQL style, still in our TimeZone: " + ts);
        } finally {
            a.query("DROP PUBLICATION IF EXISTS " + TABLE + "_pub");
            a.query("DROP TABLE IF EXISTS " + TABLE);
            a.query("DROP ROLE IF EXISTS " + ROLE);
            a.close();
        }
    }

    private static Row insertAndRead(PostgresServer server, String transport, PgConnection a, int id,
            String options) {
        String conn = "user=" + ROLE + " dbname=postgres replication=database"
                + (options.isEmpty() ? "" : " options='" + options + "'");
        ReplicationConfig config = ReplicationConfig.builder(Live.config(server, conn))
                .slot(TABLE + "_slot" + id).publications(TABLE + "_pub")
                .createSlot(ReplicationConfig.SlotCreation.TEMPORARY).changesOnly(true)
                .transportOptions(Live.transport(transport)).build();
        try (LogicalReplicationStream s = LogicalReplicationStream.open(config)) {
            a.query("INSERT INTO " + TABLE + " VALUES (" + id + ", '2026-12-07', '2026-12-07 10:00:00.5+00', "
                    + "'1 day 2 hours 3 minutes 4 seconds', 1/3.0::float8, '\\x0aff')");
            ReplicationEvent e = s.next(Duration.ofSeconds(30));
            assertNotNull(e, "no event within 30 s");
            assertEquals(Operation.INSERT, e.operation());
            return e.after();
        }
    }
}
