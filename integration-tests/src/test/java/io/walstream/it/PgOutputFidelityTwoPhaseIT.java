package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Outcome;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.it.PgOutputWorkload.Txn;
import io.walstream.it.PgOutputWorkload.TxnKind;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two-phase decoding ({@code two_phase 'on'}, protocol 3, PostgreSQL 15+, on a slot created two-phase):
 * Begin Prepare…Prepare at PREPARE TRANSACTION, then Commit Prepared or Rollback Prepared; with streaming, a large
 * prepared transaction ends its stream with Stream Prepare.
 */
@PostgresTest
@PostgresVersions(min = 15)
class PgOutputFidelityTwoPhaseIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void preparedThenCommitted(PostgresServer server) {
        for (OptionSet set : List.of(OptionSet.V3_TWO_PHASE, OptionSet.V3_TWO_PHASE_STREAMING)) {
            Stream s = PgOutputWorkload.on(server).stream(set);
            Txn t = s.txnWith(x -> "fid-commit".equals(x.gid), "fid-commit");
            assertEquals(TxnKind.PREPARED, t.kind);
            assertEquals(Outcome.COMMIT_PREPARED, t.outcome);
            BeginPrepare begin = (BeginPrepare) t.messages.get(0);
            Prepare prepare = (Prepare) t.messages.get(t.messages.size() - 1);
            assertEquals(begin.prepareLsn(), prepare.prepareLsn());
            assertEquals(begin.endLsn(), prepare.endLsn());
            assertEquals(begin.xid(), prepare.xid());
            CommitPrepared commit = (CommitPrepared) t.end;
            assertEquals("fid-commit", commit.gid());
            assertEquals(t.xid, commit.xid());
            assertTrue(commit.commitLsn().compareTo(prepare.endLsn()) >= 0, "the COMMIT PREPARED record follows the prepare");
            assertTrue(commit.endLsn().compareTo(commit.commitLsn()) > 0);
            assertEquals(7, t.changes.get(0).newRow().get("id").asInt());
            assertTrue(PgOutputWorkload.txRow(s, 7).isPresent());
        }
    }

    @Test
    void preparedThenRolledBack(PostgresServer server) {
        for (OptionSet set : List.of(OptionSet.V3_TWO_PHASE, OptionSet.V3_TWO_PHASE_STREAMING)) {
            Stream s = PgOutputWorkload.on(server).stream(set);
            Txn t = s.txnWith(x -> "fid-rollback".equals(x.gid), "fid-rollback");
            assertEquals(Outcome.ROLLBACK_PREPARED, t.outcome);
            assertEquals(8, t.changes.get(0).newRow().get("id").asInt(), "the prepared change was sent");
            RollbackPrepared rollback = (RollbackPrepared) t.end;
            Prepare prepare = (Prepare) t.messages.get(t.messages.size() - 1);
            assertEquals(prepare.endLsn(), rollback.prepareEndLsn());
            assertEquals(prepare.prepareTimeMicros(), rollback.prepareTimeMicros());
            assertTrue(rollback.rollbackEndLsn().compareTo(rollback.prepareEndLsn()) > 0);
            assertTrue(PgOutputWorkload.txRow(s, 8).isEmpty());
        }
        // without two_phase the rolled-back prepared transaction never appears, the committed one at COMMIT PREPARED
        Stream plain = PgOutputWorkload.on(server).stream(OptionSet.V1);
        assertTrue(plain.txns.stream().allMatch(x -> x.kind == TxnKind.PLAIN));
        assertTrue(PgOutputWorkload.txRow(plain, 7).isPresent());
    }

    @Test
    void largePreparedTransactionEndsItsStreamWithStreamPrepare(PostgresServer server) {
        Stream streamed = PgOutputWorkload.on(server).stream(OptionSet.V3_TWO_PHASE_STREAMING);
        Txn t = streamed.txnWith(x -> "fid-big".equals(x.gid), "fid-big streamed");
        assertEquals(TxnKind.STREAMED, t.kind);
        assertTrue(t.streamBlocks > 1);
        StreamPrepare sp = (StreamPrepare) streamed.messages().stream().filter(m -> m instanceof StreamPrepare)
                .findFirst().orElseThrow();
        assertEquals(t.xid, sp.xid());
        assertEquals("fid-big", sp.gid());
        assertEquals(Outcome.COMMIT_PREPARED, t.outcome);
        assertEquals(1500, t.effectiveChanges().size());
        Stream whole = PgOutputWorkload.on(server).stream(OptionSet.V3_TWO_PHASE);
        Txn p = whole.txnWith(x -> "fid-big".equals(x.gid), "fid-big");
        assertEquals(TxnKind.PREPARED, p.kind, "without streaming it is one Begin Prepare ... Prepare");
        assertEquals(1500, p.changes.size());
    }

    @Test
    void twoPhaseChangesNothingAConsumerApplies(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        List<String> regular = PgOutputWorkload.applied(w.stream(OptionSet.V1));
        for (OptionSet set : List.of(OptionSet.V3_TWO_PHASE, OptionSet.V3_TWO_PHASE_STREAMING)) {
            List<String> applied = new java.util.ArrayList<>(PgOutputWorkload.applied(w.stream(set)));
            applied.removeIf(line -> line.startsWith("message "));
            assertEquals(regular, applied, set.toString());
        }
    }
}
