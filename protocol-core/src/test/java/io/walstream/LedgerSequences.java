package io.walstream;

import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.TupleData;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Message sequences as a walsender sends them, each message labelled with the transaction it belongs to, for the
 * commit ledger's tests: plain, streamed (interleaved), streamed-then-aborted, two-phase and parallel.
 */
final class LedgerSequences {

    /** One message and the transaction it belongs to ({@code null}: none). */
    record Labelled(PgOutputMessage message, String tx) {
    }

    private final List<Labelled> out = new ArrayList<>();
    private long lsn = 0x1000;

    private LedgerSequences() {
    }

    static List<Labelled> plain() {
        return new LedgerSequences().tx("t1", 701).tx("t2", 702).tx("t3", 703).out;
    }

    static List<Labelled> streamed() {
        LedgerSequences s = new LedgerSequences();
        s.chunk("sx", 801, true).chunk("sy", 802, true).chunk("sx", 801, false);
        s.streamCommit("sx", 801).tx("t1", 701).streamCommit("sy", 802);
        return s.out;
    }

    static List<Labelled> streamedAborted() {
        LedgerSequences s = new LedgerSequences();
        s.chunk("sx", 801, true).add("sx", new StreamAbort(801, 801));
        s.tx("t1", 701);
        s.chunk("sy", 802, true).add("sy", new StreamAbort(802, 9802)).chunk("sy", 802, false).streamCommit("sy", 802);
        return s.out;
    }

    static List<Labelled> twoPhase() {
        LedgerSequences s = new LedgerSequences();
        s.prepared("p1", 901).tx("t1", 701);
        s.add("p1c", new CommitPrepared(0, s.next(), s.next(), 1, 901, "g901"));
        s.prepared("p2", 902);
        Lsn prepEnd = s.next();
        s.add("p2r", new RollbackPrepared(0, prepEnd, s.next(), 1, 2, 902, "g902"));
        s.chunk("sp", 903, true);
        s.add("sp", new StreamPrepare(0, s.next(), s.next(), 1, 903, "g903"));
        s.add("spc", new CommitPrepared(0, s.next(), s.next(), 1, 903, "g903"));
        return s.out;
    }

    static List<Labelled> parallel() {
        LedgerSequences s = new LedgerSequences();
        s.chunk("sx", 801, true).chunk("sy", 802, true);
        s.add("sy", new StreamAbort(802, 9802, s.next(), 5)).chunk("sx", 801, false).chunk("sy", 802, false);
        s.add("sx", new StreamAbort(801, 801, s.next(), 6));
        s.tx("t1", 701).streamCommit("sy", 802).chunk("sz", 803, true).streamCommit("sz", 803);
        return s.out;
    }

    static List<List<Labelled>> all() {
        return List.of(plain(), streamed(), streamedAborted(), twoPhase(), parallel());
    }

    private Lsn next() {
        lsn += 0x40;
        return Lsn.of(lsn);
    }

    private LedgerSequences add(String tx, PgOutputMessage m) {
        out.add(new Labelled(m, tx));
        return this;
    }

    private LedgerSequences tx(String tx, int xid) {
        Lsn commit = Lsn.of(lsn + 0x100);
        add(tx, new Begin(commit, 1, xid));
        add(tx, relation(OptionalInt.empty()));
        add(tx, insert(OptionalInt.empty(), xid));
        lsn += 0x100;
        return add(tx, new Commit(0, commit, next(), 1));
    }

    private LedgerSequences prepared(String tx, int xid) {
        Lsn prepare = Lsn.of(lsn + 0x100);
        Lsn end = Lsn.of(lsn + 0x140);
        add(tx, new BeginPrepare(prepare, end, 1, xid, "g" + xid));
        add(tx, insert(OptionalInt.empty(), xid));
        lsn += 0x140;
        return add(tx, new Prepare(0, prepare, end, 1, xid, "g" + xid));
    }

    private LedgerSequences chunk(String tx, int xid, boolean first) {
        add(tx, new StreamStart(xid, first));
        add(tx, relation(OptionalInt.of(xid)));
        add(tx, insert(OptionalInt.of(xid), xid));
        return add(tx, new StreamStop());
    }

    private LedgerSequences streamCommit(String tx, int xid) {
        return add(tx, new StreamCommit(xid, 0, next(), next(), 1));
    }

    private static Relation relation(OptionalInt xid) {
        return new Relation(xid, 16384, "public", "t", ReplicaIdentity.DEFAULT,
                List.of(new RelationColumn(1, "id", 23, -1)));
    }

    private static Insert insert(OptionalInt xid, int value) {
        return new Insert(xid, 16384, TupleData.builder().text(Integer.toString(value)).build());
    }
}
