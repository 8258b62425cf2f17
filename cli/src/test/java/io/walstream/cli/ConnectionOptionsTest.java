package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code replication=database} is added to connection strings that do not name a replication mode. */
class ConnectionOptionsTest {

    @Test
    void addsReplicationDatabase() {
        assertEquals("replication=database", ConnectionOptions.withReplication(""));
        assertEquals("host=db user=app replication=database", ConnectionOptions.withReplication("host=db user=app"));
        assertEquals("postgresql://app@db/x?replication=database",
                ConnectionOptions.withReplication("postgresql://app@db/x"));
        assertEquals("postgres://db/x?sslmode=disable&replication=database",
                ConnectionOptions.withReplication("postgres://db/x?sslmode=disable"));
    }

    @Test
    void keepsAnExplicitReplicationMode() {
        assertEquals("host=db replication=database", ConnectionOptions.withReplication("host=db replication=database"));
        assertEquals("postgresql://db/x?replication=true", ConnectionOptions.withReplication("postgresql://db/x?replication=true"));
    }
}
