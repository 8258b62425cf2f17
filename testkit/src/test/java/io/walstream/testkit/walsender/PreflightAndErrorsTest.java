package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReconnectPolicy;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The slot and publications are checked before streaming (defect 5); server errors keep every field and read like
 * psql (defect 6). A peer that is not PostgreSQL (defect 7) is in {@link HostileStartupTest}.
 */
class PreflightAndErrorsTest {

    @Test
    void aMissingPublicationFailsBeforeStreamingWithTheServersWording() throws Exception {
        try (FakeWalSender server = FakeWalSender.start().publication("p")) {
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server)
                    .publications("p", "nope").build())) {
                ServerErrorException e = assertThrows(ServerErrorException.class, stream::start);
                assertEquals("42704", e.sqlState());
                assertTrue(e.getMessage().contains("publication \"nope\" does not exist"), e.getMessage());
                assertFalse(e.isTransient());
            }
            assertFalse(server.commands().stream().anyMatch(c -> c.startsWith("START_REPLICATION")),
                    server.commands().toString());
        }
    }

    @Test
    void aMissingSlotOrOneOfAnotherPluginOrDatabaseFailsBeforeStreaming() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("missing", "replication slot \"s\" does not exist");
        cases.put("plugin", "uses output plugin \"test_decoding\"");
        cases.put("database", "was not created in this database");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            try (FakeWalSender server = FakeWalSender.start()) {
                switch (c.getKey()) {
                    case "missing" -> server.slot("other", "pgoutput", "app", null);
                    case "plugin" -> server.slot("s", "test_decoding", "app", null);
                    default -> server.slot("s", "pgoutput", "otherdb", null);
                }
                try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                    ServerErrorException e = assertThrows(ServerErrorException.class, stream::start);
                    assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + ": " + e.getMessage());
                }
                assertFalse(server.commands().stream().anyMatch(cmd -> cmd.startsWith("START_REPLICATION")));
            }
        }
    }

    @Test
    void tooManyConnectionsKeepsItsSqlStateAndEveryField() throws Exception {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "FATAL");
        fields.put('V', "FATAL");
        fields.put('C', "53300");
        fields.put('M', "number of requested standby connections exceeds max_wal_senders (currently 1)");
        fields.put('D', "a detail");
        fields.put('H', "a hint");
        fields.put('W', "a context");
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartupError(new ServerError("FATAL", "53300", fields.get('M'), fields));
            WalstreamException e = assertThrows(WalstreamException.class, () -> LogicalReplicationStream.open(
                    Streams.config(server).reconnect(ReconnectPolicy.NEVER).build()));
            ServerErrorException se = assertInstanceOf(e);
            assertEquals("53300", se.sqlState());
            assertTrue(se.isTransient());
            String m = se.getMessage();
            assertTrue(m.contains("FATAL 53300: number of requested standby connections"), m);
            assertTrue(m.contains("\nDETAIL:  a detail\nHINT:  a hint\nCONTEXT:  a context"), m);
            String endpoint = server.endpoint().toString();
            assertEquals(m.indexOf(endpoint), m.lastIndexOf(endpoint), "the endpoint once: " + m);
        }
    }

    private static ServerErrorException assertInstanceOf(WalstreamException e) {
        assertTrue(e instanceof ServerErrorException, e.toString());
        return (ServerErrorException) e;
    }
}
