package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.it.PgOutputWorkload.Change;
import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Outcome;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.it.PgOutputWorkload.Txn;
import io.walstream.it.PgOutputWorkload.TxnKind;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamStart;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Streaming of large in-progress transactions (logical_decoding_work_mem = 64kB): {@code streaming 'on'}
 * (protocol 2) and {@code streaming 'parallel'} (protocol 4, PostgreSQL 16+), with a committed transaction that
 * rolls back a large subtransaction, and an aborted one.
 */
@PostgresTest
class PgOutputFidelityStreamingIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    private static List<OptionSet> sets(PgOutputWorkload w) {
        return w.major >= 16 ? List.of(OptionSet.V2_STREAMING, OptionSet.V4_PARALLEL) : List.of(OptionSet.V2_STREAMING);
    }

    private static Txn bigCommitted(Stream s) {
        return s.txnWith(t -> t.outcome == Outcome.COMMITTED && t.changes.stream().anyMatch(c -> c.newRow() != null
                && "public.fid_big".equals(c.table()) && c.newRow().get("payload").asString().startsWith("kept")),
                "committed with the kept fid_big rows");
    }

    @Test
    void largeTransactionStreamsInSeveralBlocksAndCommits(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        for (OptionSet set : sets(w)) {
            Stream s = w.stream(set);
            Txn t = bigCommitted(s);
            assertEquals(TxnKind.STREAMED, t.kind, set.toString());
            assertTrue(t.streamBlocks > 1, set + ": blocks " + t.streamBlocks);
            List<StreamStart> starts = s.messages().stream().filter(m -> m instanceof StreamStart ss && ss.xid() == t.xid)
                    .map(m -> (StreamStart) m).collect(Collectors.toList());
            assertTrue(starts.get(0).firstSegment());
            assertTrue(starts.subList(1, starts.size()).stream().noneMatch(StreamStart::firstSegment), set.toString());
            assertTrue(t.changes.stream().allMatch(c -> c.message().streamXid().isPresent()), set.toString());
            StreamCommit commit = (StreamCommit) t.end;
            assertEquals(t.xid, commit.xid());
            assertTrue(commit.endLsn().compareTo(commit.commitLsn()) > 0);
            // kept rows, the row after the savepoint, and the transactional message, all inside blocks
            List<Change> applied = t.effectiveChanges();
            assertEquals(PgOutputWorkload.BIG_ROWS_KEPT + 1, applied.size(), set.toString());
            assertEquals("kept 1" + "x".repeat(100), applied.get(0).newRow().get("payload").asString());
            assertEquals("last", applied.get(applied.size() - 1).newRow().get("payload").asString());
            assertEquals(1, t.logicalMessages.size());
            assertEquals("in big", new String(t.logicalMessages.get(0).content(), StandardCharsets.UTF_8));
            assertEquals(t.xid, t.logicalMessages.get(0).streamXid().getAsInt());
        }
    }

    @Test
    void rolledBackLargeSubtransactionIsStreamedThenAbortedBySubxid(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        for (OptionSet set : sets(w)) {
            Stream s = w.stream(set);
            Txn t = bigCommitted(s);
            assertEquals(1, t.abortedSubxids.size(), set.toString());
            int subxid = t.abortedSubxids.get(0);
            assertFalse(subxid == t.xid);
            List<Change> sub = t.changes.stream().filter(c -> c.message().streamXid().getAsInt() == subxid)
                    .collect(Collectors.toList());
            assertFalse(sub.isEmpty(), set + ": the subtransaction's changes were streamed before its abort");
            assertTrue(sub.stream().allMatch(c -> c.newRow().get("payload").asString().startsWith("rolled back")));
            assertTrue(t.effectiveChanges().stream().noneMatch(c -> c.newRow().get("payload").asString()
                    .startsWith("rolled back")));
            StreamAbort abort = abortOf(s, t.xid);
            assertEquals(subxid, abort.subxid());
            checkAbortInfo(set, abort);
        }
    }

    @Test
    void largeAbortedTransactionStreamsAndAbortsBeforePostgres18(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        for (OptionSet set : sets(w)) {
            Stream s = w.stream(set);
            List<Txn> aborted = s.txns.stream().filter(t -> t.outcome == Outcome.ABORTED).collect(Collectors.toList());
            if (w.major >= 18) {
                // PostgreSQL 18 checks whether a transaction already aborted before streaming it, and skips it:
                // decoded after the fact (as with peek), the aborted transaction is not sent at all
                assertEquals(List.of(), aborted, set.toString());
                assertTrue(s.txns.stream().flatMap(t -> t.changes.stream()).noneMatch(c -> c.newRow() != null
                        && "public.fid_big".equals(c.table())
                        && c.newRow().get("payload").asString().startsWith("aborted")));
                continue;
            }
            assertEquals(1, aborted.size(), set.toString());
            Txn t = aborted.get(0);
            assertEquals(TxnKind.STREAMED, t.kind);
            assertTrue(t.changes.size() > 100 && t.changes.size() <= 1500, set + ": " + t.changes.size());
            assertTrue(t.changes.stream().allMatch(c -> c.newRow().get("payload").asString().startsWith("aborted")));
            StreamAbort abort = (StreamAbort) t.end;
            assertTrue(abort.isTopLevel());
            checkAbortInfo(set, abort);
        }
    }

    @Test
    void streamingChangesNothingAConsumerApplies(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        List<String> regular = PgOutputWorkload.applied(w.stream(OptionSet.V1));
        for (OptionSet set : sets(w)) {
            List<String> streamed = new ArrayList<>(PgOutputWorkload.applied(w.stream(set)));
            // V1 has no messages option: drop the messages before comparing
            streamed.removeIf(line -> line.startsWith("message "));
            assertEquals(regular, streamed, set.toString());
        }
    }

    private static StreamAbort abortOf(Stream s, int xid) {
        List<StreamAbort> found = new ArrayList<>();
        for (PgOutputMessage m : s.messages()) {
            if (m instanceof StreamAbort a && a.xid() == xid) {
                found.add(a);
            }
        }
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static void checkAbortInfo(OptionSet set, StreamAbort abort) {
        if (set.parallel) {
            assertTrue(abort.hasAbortInfo(), "streaming 'parallel' adds abort LSN and time");
            assertTrue(abort.abortLsn().compareTo(Lsn.of(0)) > 0);
            assertTrue(abort.abortTime().isPresent());
        } else {
            assertFalse(abort.hasAbortInfo());
        }
    }
}
