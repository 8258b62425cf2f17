package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Update;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pull API end to end: changes arrive decoded, in commit order, and ON_COMMIT acknowledges them. */
@PostgresTest
class LogicalStreamBasicIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void pullDeliversDecodedChangesAndAcknowledgesCommits(String transport, PostgresServer server) {
        String table = "basic_" + transport;
        String slot = "basic_slot_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, amount numeric)");
            sql.query("CREATE PUBLICATION " + table + "_pub FOR TABLE " + table);
            ReplicationConfig config = ReplicationConfig.builder(Live.config(server,
                    "user=postgres dbname=postgres replication=database"))
                    .slot(slot).publications(table + "_pub").createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                    .flushMode(FlushMode.ON_COMMIT).statusInterval(Duration.ofMillis(300))
                    .transportOptions(Live.transport(transport)).build();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                assertNotNull(stream.exportedSnapshot(), "a created slot exports its snapshot");
                stream.start();
                sql.query("INSERT INTO " + table + " VALUES (1, 'one', 1.50)");
                sql.query("UPDATE " + table + " SET name = 'uno' WHERE id = 1");
                sql.query("DELETE FROM " + table + " WHERE id = 1");
                List<String> seen = new ArrayList<>();
                Lsn lastCommitEnd = null;
                int commits = 0;
                while (commits < 3) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(20));
                    assertNotNull(e, "timed out; seen " + seen);
                    seen.add(String.valueOf(e.message().tag()));
                    if (e.message() instanceof Insert) {
                        assertEquals(1, e.newRow().get("id").asInt());
                        assertEquals("one", e.newRow().get("name").asString());
                        assertEquals(new java.math.BigDecimal("1.50"), e.newRow().get("amount").asBigDecimal());
                    } else if (e.message() instanceof Update) {
                        assertEquals("uno", e.newRow().get("name").asString());
                    } else if (e.message() instanceof Delete) {
                        assertTrue(e.oldRow().isKeyOnly());
                        assertEquals(1, e.oldRow().get("id").asInt());
                    } else if (e.message() instanceof Commit c) {
                        commits++;
                        lastCommitEnd = c.endLsn();
                    }
                }
                assertEquals(List.of("B", "R", "I", "C", "B", "U", "C", "B", "D", "C"), seen);
                // ON_COMMIT: asking for the next event acknowledges the commit just returned.
                stream.next(Duration.ofMillis(500));
                assertEquals(lastCommitEnd, stream.positions().flushed());
                Lsn expected = lastCommitEnd;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                Lsn confirmed = Lsn.INVALID;
                while (System.nanoTime() < deadline) {
                    confirmed = Lsn.parse(sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
                            + slot + "'").getString(0, 0));
                    if (!confirmed.isBefore(expected)) {
                        break;
                    }
                    stream.next(Duration.ofMillis(200));
                }
                assertTrue(!confirmed.isBefore(expected), "confirmed_flush_lsn " + confirmed + " reached " + expected);
                assertEquals(10, stream.metrics().messages());
            }
            sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }
}
