package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionConfigWithReplicationTest {

    private static final Environment ENV = Environment.of(Map.of(), "u", Path.of("/nonexistent"));

    @Test
    void anOrdinaryCopyKeepsEverythingElseIncludingSecrets() {
        ConnectionConfig repl = ConnectionConfig.parse(
                "host=db1,db2 port=5432,5433 user=cdc dbname=app password=s3cret replication=database"
                        + " application_name=snap", ENV);
        ConnectionConfig plain = repl.withReplication(ReplicationMode.NONE);
        assertEquals(ReplicationMode.NONE, plain.replication());
        assertFalse(plain.toConnectionString().contains("replication="), plain.toConnectionString());
        assertEquals(repl.hosts(), plain.hosts());
        assertEquals("cdc", plain.user());
        assertEquals("app", plain.dbname());
        assertEquals(repl.applicationName(), plain.applicationName());
        assertArrayEquals("s3cret".toCharArray(), plain.password().orElseThrow());
        assertFalse(plain.toString().contains("s3cret"));
        ConnectionConfig back = plain.withReplication(ReplicationMode.DATABASE);
        assertEquals(ReplicationMode.DATABASE, back.replication());
        assertTrue(back.toConnectionString().contains("replication=database"), back.toConnectionString());
    }
}
