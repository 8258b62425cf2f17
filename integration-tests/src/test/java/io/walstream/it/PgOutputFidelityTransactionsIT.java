package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.it.PgOutputWorkload.Txn;
import io.walstream.it.PgOutputWorkload.TxnKind;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Transaction structure of regular (non-streamed) decoding: Begin…Commit, savepoints, aborted transactions,
 * logical messages, replication origins and origin filtering, and empty transactions.
 */
@PostgresTest
class PgOutputFidelityTransactionsIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void everyTransactionIsBeginChangesCommit(PostgresServer server) {
        Stream s = PgOutputWorkload.on(server).stream(OptionSet.V1);
        assertTrue(s.txns.stream().allMatch(t -> t.kind == TxnKind.PLAIN && t.committed()), s.txns.toString());
        for (Txn t : s.txns) {
            assertEquals('B', t.messages.get(0).tag());
            assertEquals('C', t.messages.get(t.messages.size() - 1).tag());
            assertEquals(t.xid, t.begin.xid());
        }
        assertEquals(s.txns.size(), s.txns.stream().map(t -> t.xid).distinct().count(), "distinct xids");
        // commit LSNs grow
        Lsn last = Lsn.of(0);
        for (Txn t : s.txns) {
            assertTrue(t.begin.finalLsn().compareTo(last) > 0);
            last = t.begin.finalLsn();
        }
        List<PgOutputWorkload.Change> all = s.committedChanges();
        PgOutputWorkload.Change lastChange = all.get(all.size() - 1);
        assertEquals("public.fid_tx", lastChange.table());
        assertEquals("last", lastChange.newRow().get("v").asString());
    }

    @Test
    void rolledBackSubtransactionsAndAbortedTransactionsAreNotVisible(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        for (OptionSet set : w.supportedSets()) {
            if (set.publication.equals(PgOutputWorkload.PUB)) {
                Stream s = w.stream(set);
                Txn t = s.txnWith(x -> x.effectiveChanges().stream().anyMatch(c -> "public.fid_tx".equals(c.table())
                        && c.newRow() != null && c.newRow().get("id").asInt() == 1), set + " with the savepoint");
                assertEquals(List.of(1, 3), t.effectiveChanges().stream().map(c -> c.newRow().get("id").asInt())
                        .collect(Collectors.toList()), set.toString());
                assertTrue(PgOutputWorkload.txRow(s, 2).isEmpty(), set + ": rolled back to savepoint");
                assertTrue(PgOutputWorkload.txRow(s, 4).isEmpty(), set + ": aborted");
                assertTrue(s.txns.stream().flatMap(x -> x.changes.stream()).noneMatch(c -> c.newRow() != null
                        && "public.fid_tx".equals(c.table()) && c.newRow().get("id").asInt() == 4), set + ": aborted");
                assertTrue(PgOutputWorkload.txRow(s, 8).isEmpty(), set + ": rolled back prepared transaction");
            }
        }
    }

    @Test
    void logicalMessagesOnlyWithMessagesOption(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        assertEquals(0, w.stream(OptionSet.V1).count('M'));
        Stream s = w.stream(OptionSet.V2_STREAMING);
        // non-transactional: outside any transaction, even the one emitted inside an aborted transaction
        assertEquals(List.of("non-tx in aborted", "\u0000\u00ff"), s.nonTransactional.stream()
                .map(m -> new String(m.content(), StandardCharsets.ISO_8859_1)).collect(Collectors.toList()));
        assertTrue(s.nonTransactional.stream().allMatch(m -> !m.transactional() && m.prefix().equals("fid")
                && m.streamXid().isEmpty()));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, s.nonTransactional.get(1).content());
        assertTrue(s.nonTransactional.get(1).lsn().compareTo(Lsn.of(0)) > 0);
        // transactional: inside its transaction, after the change that preceded it
        Txn t = s.txnWith(x -> x.logicalMessages.stream().anyMatch(m -> text(m).equals("transactional")),
                "with the transactional message");
        assertEquals(TxnKind.PLAIN, t.kind);
        assertEquals(5, t.changes.get(0).newRow().get("id").asInt());
        int insertAt = t.messages.indexOf(t.changes.get(0).message());
        int messageAt = t.messages.indexOf(t.logicalMessages.get(0));
        assertTrue(insertAt < messageAt, "Insert then Message");
        assertTrue(t.logicalMessages.get(0).transactional());
    }

    @Test
    void originMessageFollowsBeginAndOriginNoneDropsTheTransaction(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        Stream s = w.stream(OptionSet.V1);
        Txn t = s.txnWith(x -> x.origin != null, "with an Origin");
        assertEquals("fid_origin", t.origin.name());
        assertEquals(Lsn.parse("0/ABCDEF"), t.origin.originLsn());
        assertEquals('O', t.messages.get(1).tag(), "Origin right after Begin");
        // the commit time of a transaction replayed from an origin is the origin's commit timestamp
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), t.begin.commitTime());
        assertEquals("from origin", t.changes.get(0).newRow().get("v").asString());
        if (w.major >= 16) {
            Stream none = w.stream(OptionSet.V4_ORIGIN_NONE);
            assertTrue(none.txns.stream().noneMatch(x -> x.origin != null));
            assertTrue(PgOutputWorkload.txRow(none, 6).isEmpty());
            List<String> expected = new ArrayList<>(PgOutputWorkload.applied(s));
            assertTrue(expected.removeIf(line -> line.contains("'from origin'")));
            assertEquals(expected, PgOutputWorkload.applied(none), "origin 'none' drops exactly that transaction");
        }
    }

    @Test
    void emptyTransactionsAreSentOnlyByPostgres14(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        Stream s = w.stream(OptionSet.V1);
        List<Txn> empty = s.txns.stream().filter(Txn::isEmpty).collect(Collectors.toList());
        if (w.major == 14) {
            // e.g. the insert into the unpublished table, the origin functions' catalog changes
            assertFalse(empty.isEmpty(), "PostgreSQL 14 sends Begin/Commit for every decoded transaction");
            for (Txn t : empty) {
                assertEquals(List.of('B', 'C'), t.messages.stream().map(m -> m.tag()).collect(Collectors.toList()));
            }
        } else {
            assertEquals(List.of(), empty, "PostgreSQL 15+ drops empty transactions");
        }
    }

    private static String text(LogicalMessage m) {
        return new String(m.content(), StandardCharsets.UTF_8);
    }
}
