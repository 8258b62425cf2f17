package io.walstream;

import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Which transactions were already delivered, so that the ones the server sends again after a reconnect (it
 * resends from the flushed position, which may lie before commits the application already handled) are skipped:
 * each committed transaction reaches the application once per stream.
 *
 * <p>The ledger remembers the commit position of the last transaction-ending message delivered: Commit, Prepare,
 * Stream Commit, Stream Prepare, Commit Prepared, Rollback Prepared — {@link #endOf} gives the position a
 * consumer acknowledges for each. In a new session ({@link #newSession()}) a transaction whose commit lies at or
 * before it is skipped whole when it arrives as Begin … Commit (or Begin Prepare … Prepare); a streamed one can
 * only be recognised at its Stream Commit / Stream Prepare, which is then reported as {@link #SKIP} (its chunks
 * were delivered again and must be discarded by whoever assembles them). Relation and Type messages inside a
 * skipped transaction still pass, as later changes need them.
 *
 * <p><b>Thread safety:</b> not thread-safe; used by the one delivering thread.
 */
final class CommitLedger {

    /** Returned by {@link #track} for a message of a transaction already delivered. */
    static final Lsn SKIP = new Lsn(-1L);

    private Lsn lastDelivered = Lsn.INVALID;
    private boolean txOpen;
    private boolean skipping;
    private final Set<Integer> openStreams = new HashSet<>();

    /** The server starts sending again (a reconnect): forget the partial state, keep what was delivered. */
    void newSession() {
        txOpen = false;
        skipping = false;
        openStreams.clear();
    }

    /**
     * Updates the state with the next message of the session.
     *
     * @param m the message
     * @return the acknowledgement point for a transaction-ending message to deliver; {@link #SKIP} for a message
     *         not to deliver; {@code null} for any other message to deliver
     */
    Lsn track(PgOutputMessage m) {
        if (m instanceof Begin b) {
            return begin(b.finalLsn());
        }
        if (m instanceof BeginPrepare bp) {
            return begin(bp.prepareLsn());
        }
        if (m instanceof Commit c) {
            return end(c.commitLsn(), c.endLsn());
        }
        if (m instanceof Prepare p) {
            return end(p.prepareLsn(), p.endLsn());
        }
        if (skipping) {
            return m instanceof Relation || m instanceof Type ? null : SKIP;
        }
        if (m instanceof StreamStart s) {
            openStreams.add(s.xid());
            return null;
        }
        if (m instanceof StreamCommit sc) {
            openStreams.remove(sc.xid());
            return once(sc.commitLsn(), sc.endLsn());
        }
        if (m instanceof StreamPrepare sp) {
            openStreams.remove(sp.xid());
            return once(sp.prepareLsn(), sp.endLsn());
        }
        if (m instanceof StreamAbort a) {
            if (a.xid() == a.subxid()) {
                openStreams.remove(a.xid());
            }
            return null;
        }
        if (m instanceof CommitPrepared cp) {
            return once(cp.commitLsn(), cp.endLsn());
        }
        if (m instanceof RollbackPrepared rp) {
            return once(rp.rollbackEndLsn(), rp.rollbackEndLsn());
        }
        return null;
    }

    private Lsn begin(Lsn commit) {
        if (lastDelivered.isValid() && !commit.isAfter(lastDelivered)) {
            skipping = true;
            return SKIP;
        }
        txOpen = true;
        return null;
    }

    private Lsn end(Lsn commit, Lsn ack) {
        txOpen = false;
        if (skipping) {
            skipping = false;
            return SKIP;
        }
        lastDelivered = commit;
        return ack;
    }

    private Lsn once(Lsn commit, Lsn ack) {
        if (lastDelivered.isValid() && !commit.isAfter(lastDelivered)) {
            return SKIP;
        }
        lastDelivered = commit;
        return ack;
    }

    /** @return whether the messages now arriving belong to a transaction that is being skipped */
    boolean isSkipping() {
        return skipping;
    }

    /** @return whether no transaction (regular, streamed or skipped) is open in this session */
    boolean isIdle() {
        return !txOpen && !skipping && openStreams.isEmpty();
    }

    /** @return the commit position of the last transaction delivered, or {@link Lsn#INVALID} */
    Lsn lastDelivered() {
        return lastDelivered;
    }

    /**
     * The one notion of "a message that ends a transaction" with a position to acknowledge.
     *
     * @param m a message
     * @return the position a consumer acknowledges after handling {@code m} (Commit, Prepare, Stream Commit,
     *         Stream Prepare, Commit Prepared, Rollback Prepared), or {@code null} for any other message
     */
    static Lsn endOf(PgOutputMessage m) {
        if (m instanceof Commit c) {
            return c.endLsn();
        }
        if (m instanceof Prepare p) {
            return p.endLsn();
        }
        if (m instanceof StreamCommit sc) {
            return sc.endLsn();
        }
        if (m instanceof StreamPrepare sp) {
            return sp.endLsn();
        }
        if (m instanceof CommitPrepared cp) {
            return cp.endLsn();
        }
        if (m instanceof RollbackPrepared rp) {
            return rp.rollbackEndLsn();
        }
        return null;
    }
}
