package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LedgerSequences.Labelled;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The commit ledger on every sequence of {@link LedgerSequences}, cut at every message boundary and resumed with a
 * new session in which the server sends again either everything (the worst case) or what a walsender resends
 * from the acknowledged position.
 */
class CommitLedgerTest {

    /** What the ledger let through, per session. */
    private record Delivery(int session, int index, Lsn ack) {
    }

    @Test
    void everyTransactionEndIsDeliveredOnceAcrossACutAtEveryBoundary() {
        int cases = 0;
        for (List<Labelled> seq : LedgerSequences.all()) {
            for (int cut = 0; cut <= seq.size(); cut++) {
                for (boolean resendAll : new boolean[] {true, false}) {
                    check(seq, cut, resendAll);
                    cases++;
                }
            }
        }
        assertTrue(cases > 100, "cases: " + cases);
    }

    private void check(List<Labelled> seq, int cut, boolean resendAll) {
        String where = "cut " + cut + " of " + describe(seq) + (resendAll ? " (resend all)" : " (resend from ack)");
        CommitLedger ledger = new CommitLedger();
        List<Delivery> delivered = new ArrayList<>();
        Lsn acked = Lsn.INVALID;
        for (int i = 0; i < cut; i++) {
            Lsn r = ledger.track(seq.get(i).message());
            if (r != CommitLedger.SKIP) {
                delivered.add(new Delivery(1, i, r));
                if (r != null) {
                    acked = r;
                }
            }
        }
        ledger.newSession();
        int from = resendAll ? 0 : resendStart(seq, acked);
        for (int i = from; i < seq.size(); i++) {
            Lsn r = ledger.track(seq.get(i).message());
            if (r != CommitLedger.SKIP) {
                delivered.add(new Delivery(2, i, r));
            }
        }
        assertTrue(ledger.isIdle(), where + ": idle at the end");
        // 1. every transaction end once, in order
        List<Integer> ends = new ArrayList<>();
        for (Delivery d : delivered) {
            if (d.ack() != null) {
                ends.add(d.index());
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < seq.size(); i++) {
            if (CommitLedger.endOf(seq.get(i).message()) != null) {
                expected.add(i);
            }
        }
        assertEquals(expected, ends, where + ": transaction ends delivered");
        // 2. a regular or prepared transaction is delivered whole in the session that delivers its end (a partial
        //    copy cut off before may precede it), and none of its changes comes again in a later session
        Map<String, Integer> endSession = new HashMap<>();
        for (Delivery d : delivered) {
            Labelled l = seq.get(d.index());
            if (d.ack() != null && isWholeEnd(l.message())) {
                endSession.put(l.tx(), d.session());
            }
        }
        for (Map.Entry<String, Integer> e : endSession.entrySet()) {
            List<Integer> txMessages = new ArrayList<>();
            for (int i = 0; i < seq.size(); i++) {
                if (e.getKey().equals(seq.get(i).tx())) {
                    txMessages.add(i);
                }
            }
            for (int i : txMessages) {
                int idx = i;
                long inEndSession = delivered.stream()
                        .filter(d -> d.index() == idx && d.session() == e.getValue()).count();
                assertEquals(1, inEndSession, where + ": message " + i + " of " + e.getKey()
                        + " in the session of its end");
                if (!(seq.get(i).message() instanceof Relation)) {
                    long later = delivered.stream()
                            .filter(d -> d.index() == idx && d.session() > e.getValue()).count();
                    assertEquals(0, later, where + ": message " + i + " of " + e.getKey()
                            + " not delivered again after its end");
                }
            }
        }
    }

    /** Where a walsender restarts for a slot acknowledged at {@code acked}: the first transaction ending after it. */
    private static int resendStart(List<Labelled> seq, Lsn acked) {
        if (!acked.isValid()) {
            return 0;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < seq.size(); i++) {
            first.putIfAbsent(seq.get(i).tx(), i);
        }
        int start = seq.size();
        for (int i = 0; i < seq.size(); i++) {
            Lsn end = CommitLedger.endOf(seq.get(i).message());
            if (end != null && end.isAfter(acked)) {
                start = Math.min(start, first.get(seq.get(i).tx()));
            }
        }
        return start;
    }

    private static boolean isWholeEnd(PgOutputMessage m) {
        return m instanceof Commit || m instanceof Prepare;
    }

    private static String describe(List<Labelled> seq) {
        StringBuilder sb = new StringBuilder();
        for (Labelled l : seq) {
            sb.append(l.message().tag());
        }
        return sb.toString();
    }

    @Test
    void aTransactionAlreadyDeliveredIsSkippedWholeButItsRelationsPass() {
        CommitLedger ledger = new CommitLedger();
        List<Labelled> seq = LedgerSequences.plain();
        for (Labelled l : seq.subList(0, 4)) {
            ledger.track(l.message());
        }
        ledger.newSession();
        assertSame(CommitLedger.SKIP, ledger.track(seq.get(0).message()));
        assertTrue(ledger.isSkipping());
        assertFalse(ledger.isIdle());
        assertNull(ledger.track(seq.get(1).message()), "Relation passes");
        assertSame(CommitLedger.SKIP, ledger.track(seq.get(2).message()));
        assertSame(CommitLedger.SKIP, ledger.track(seq.get(3).message()));
        assertTrue(ledger.isIdle());
        assertEquals(((Commit) seq.get(7).message()).endLsn(), deliverRest(ledger, seq.subList(4, 8)));
    }

    private static Lsn deliverRest(CommitLedger ledger, List<Labelled> rest) {
        Lsn last = null;
        for (Labelled l : rest) {
            Lsn r = ledger.track(l.message());
            if (r != null && r != CommitLedger.SKIP) {
                last = r;
            }
        }
        return last;
    }

    @Test
    void endOfNamesTheAcknowledgementPointOfEveryTransactionEnd() {
        int ends = 0;
        for (List<Labelled> seq : LedgerSequences.all()) {
            for (Labelled l : seq) {
                PgOutputMessage m = l.message();
                boolean isEnd = CommitLedger.endOf(m) != null;
                boolean expected = m.tag() == 'C' || m.tag() == 'P' || m.tag() == 'c' || m.tag() == 'K'
                        || m.tag() == 'r' || m.tag() == 'p';
                assertEquals(expected, isEnd, m.describe());
                ends += isEnd ? 1 : 0;
            }
        }
        assertTrue(ends >= 15, "ends: " + ends);
        assertNull(CommitLedger.endOf(new Begin(Lsn.of(1), 1, 1)));
        assertNull(CommitLedger.endOf(new BeginPrepare(Lsn.of(1), Lsn.of(2), 1, 1, "g")));
        assertNull(CommitLedger.endOf(new Insert(OptionalInt.empty(), 1, io.walstream.pgoutput.TupleData.builder()
                .text("1").build())));
    }
}
