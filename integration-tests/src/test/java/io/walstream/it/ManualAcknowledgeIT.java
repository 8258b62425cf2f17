package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MANUAL mode: nothing is flushed until the application acknowledges a commit event. */
@PostgresTest
class ManualAcknowledgeIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void acknowledgingACommitEventFlushesExactlyItsEnd(String transport, PostgresServer server)
            throws InterruptedException {
        String table = "manual_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + table + "_pub FOR TABLE " + table);
            ReplicationConfig config = ReplicationConfig.builder(Live.config(server,
                    "user=postgres dbname=postgres replication=database"))
                    .slot(table + "_slot").publications(table + "_pub")
                    .createSlot(ReplicationConfig.SlotCreation.TEMPORARY).flushMode(FlushMode.MANUAL)
                    .statusInterval(Duration.ofMillis(200)).transportOptions(Live.transport(transport)).build();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                stream.start();
                sql.query("INSERT INTO " + table + " VALUES (1)");
                ReplicationEvent begin = stream.next(Duration.ofSeconds(20));
                assertNotNull(begin);
                assertTrue(begin.message() instanceof Begin, begin.describe());
                assertThrows(IllegalArgumentException.class, () -> stream.acknowledge(begin),
                        "acknowledging inside a transaction must be refused");
                ReplicationEvent commit = null;
                while (commit == null) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(20));
                    assertNotNull(e);
                    if (e.message() instanceof Commit) {
                        commit = e;
                    }
                }
                stream.next(Duration.ofMillis(600)); // in MANUAL mode, moving on acknowledges nothing
                assertEquals(Lsn.INVALID, stream.positions().flushed());
                stream.acknowledge(commit);
                assertEquals(((Commit) commit.message()).endLsn(), stream.positions().flushed());
            }
        }
    }
}
