package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ServerErrorException;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invalid UTF-8 from a real server: a {@code SQL_ASCII} database lets a table name and a text value hold the
 * byte 0xFF. PostgreSQL does not pass them through to a UTF8 session: the walsender's output conversion checks
 * the bytes and the stream ends with SQLSTATE 22021 ({@code invalid byte sequence for encoding "UTF8"}) in the
 * change callback, in lenient and strict mode alike. So {@link io.walstream.pgoutput.Utf8Policy} matters only
 * for peers that are not PostgreSQL (proxies, replays); its behaviour is tested on crafted messages
 * ({@code PgOutputNameUtf8Test}, {@code Utf8PolicyTest}).
 */
@PostgresTest
@Timeout(120)
class Utf8NamesIT {

    private static final String DB = "walstream_sqlascii";

    @Test
    void theServerRefusesToSendInvalidUtf8(PostgresServer server) {
        String transport = server.version().major() % 2 == 0 ? "netty" : "nio";
        try (PgConnection a = Live.sql(server, transport)) {
            a.query("DROP DATABASE IF EXISTS " + DB);
            a.query("CREATE DATABASE " + DB + " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        }
        try (PgConnection c = Live.connect(server, transport, "user=postgres dbname=" + DB)) {
            c.query("DO $$ BEGIN EXECUTE 'CREATE TABLE bad' || chr(255) || 'name (id int PRIMARY KEY, v text)'; END $$");
            c.query("CREATE PUBLICATION utf8_pub FOR ALL TABLES");
            for (boolean strict : new boolean[] {false, true}) {
                int n = strict ? 2 : 1;
                try (LogicalReplicationStream s = LogicalReplicationStream.open(config(server, transport, n, strict))) {
                    insert(c, n);
                    ServerErrorException ex = assertThrows(ServerErrorException.class,
                            () -> s.next(Duration.ofSeconds(30)));
                    assertEquals("22021", ex.sqlState(), ex.getMessage());
                    assertTrue(ex.getMessage().contains("pgoutput"), ex.getMessage());
                    assertEquals(0, s.relations().utf8Policy().nameReplacements());
                }
            }
        } finally {
            try (PgConnection a = Live.sql(server, transport)) {
                a.query("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            }
        }
    }

    private static void insert(PgConnection c, int id) {
        c.query("DO $$ BEGIN EXECUTE 'INSERT INTO bad' || chr(255) || 'name VALUES (" + id + ", ''x' || chr(255)"
                + " || 'y'')'; END $$");
    }

    private static ReplicationConfig config(PostgresServer server, String transport, int n, boolean strict) {
        return ReplicationConfig.builder(Live.config(server, "user=postgres dbname=" + DB + " replication=database"))
                .slot("utf8_slot" + n).publications("utf8_pub").createSlot(ReplicationConfig.SlotCreation.TEMPORARY)
                .changesOnly(true).strictUtf8(strict).transportOptions(Live.transport(transport)).build();
    }
}
