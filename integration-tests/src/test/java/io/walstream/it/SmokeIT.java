package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@PostgresTest
class SmokeIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void connectsAndIdentifiesSystem(String transport, PostgresServer server) {
        try (PgConnection sql = Live.sql(server, transport);
             PgConnection repl = Live.connect(server, transport, "user=postgres dbname=postgres replication=database")) {
            assertEquals(server.version().major(), sql.serverVersion().major());
            assertEquals("1", sql.query("SELECT 1").getString(0, 0));
            SystemIdentity id = new ReplicationCommands(repl).identifySystem();
            assertEquals(sql.query("SELECT system_identifier::text FROM pg_control_system()").getString(0, 0), id.systemId());
            assertEquals("postgres", id.dbName());
            assertTrue(id.timeline() >= 1);
        }
    }
}
