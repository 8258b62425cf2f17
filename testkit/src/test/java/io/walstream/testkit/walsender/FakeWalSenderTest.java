package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.ServerErrorException;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.pgoutput.Commit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake walsender itself: authentication, commands, a streamed script, recorded status updates. */
class FakeWalSenderTest {

    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void everyAuthenticationMethodAcceptsTheRightPassword() throws Exception {
        for (FakeAuth auth : List.of(FakeAuth.trust(), FakeAuth.cleartext("s3cret"), FakeAuth.md5("s3cret"),
                FakeAuth.scram("s3cret"))) {
            try (FakeWalSender server = FakeWalSender.start().auth(auth);
                 PgConnection conn = Connector.connect(server.connectionString("alice", "s3cret"))) {
                SystemIdentity id = new ReplicationCommands(conn).identifySystem();
                assertEquals(server.identity().systemId(), id.systemId(), auth.toString());
                assertEquals(16, conn.serverVersion().major());
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersError() throws Exception {
        for (FakeAuth auth : List.of(FakeAuth.cleartext("right"), FakeAuth.md5("right"), FakeAuth.scram("right"))) {
            try (FakeWalSender server = FakeWalSender.start().auth(auth)) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> Connector.connect(server.connectionString("alice", "wrong")));
                assertTrue(e instanceof AuthenticationException || e instanceof ServerErrorException, e.toString());
                assertTrue(e.getMessage().contains("28P01") || e.getMessage().contains("password"), e.getMessage());
            }
        }
    }

    @Test
    void streamsAScriptAndRecordsTheAcknowledgement() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript script = WalSenderScript.create();
            Scripts.tx(script, 1);
            Scripts.tx(script, 2);
            script.awaitFlush(Scripts.end(2), T);
            server.enqueue(script);
            List<ReplicationEvent> seen = new ArrayList<>();
            ReplicationConfig config = ReplicationConfig.builder(server.connectionString()).slot("s")
                    .publications("p").build();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                stream.forEach(e -> {
                    seen.add(e);
                    if (e.message() instanceof Commit c && c.endLsn().equals(Scripts.end(2))) {
                        stream.close();
                    }
                });
            }
            assertEquals(8, seen.size());
            server.await(T);
            assertEquals(Scripts.end(2), server.lastStatusUpdate().flushed());
            assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("START_REPLICATION")),
                    server.commands().toString());
        }
    }
}
