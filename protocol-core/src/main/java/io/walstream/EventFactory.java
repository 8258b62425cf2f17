package io.walstream;

import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.RowBinder;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Update;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates {@link ReplicationEvent}s from decoded messages in stream order: binds rows through a {@link RowBinder}
 * and tracks the transaction each message belongs to (Begin … Commit, Stream Start … Stream Stop per xid, Begin
 * Prepare … Prepare and the later Commit/Rollback Prepared by gid), so that every event says its xid and,
 * once known, its commit LSN and time ({@link TransactionInfo}).
 *
 * <pre>
 * Begin(xid, finalLsn, time)   -> current = tx(xid, commit known)      changes -> current
 * Stream Start(xid)            -> block = streamed[xid] (new if first) changes with stream xid -> block
 * Stream Commit(xid, lsn...)   -> streamed.remove(xid).complete(...)  (events already made see it too)
 * Begin Prepare(gid)           -> current = prepared[gid]; Commit Prepared(gid) completes it
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread-safe; one instance per stream, called by its reading thread.
 */
final class EventFactory {
    private final RowBinder binder;
    private final Map<Integer, TransactionInfo> streamed = new HashMap<>();
    private final Map<String, TransactionInfo> prepared = new HashMap<>();
    private TransactionInfo current;
    private TransactionInfo block;

    /** @param relations the cache the stream keeps current with every Relation and Type message */
    EventFactory(RelationCache relations) {
        this.binder = new RowBinder(relations);
    }

    /**
     * A factory for the replay of one transaction's changes (a spill file): every event belongs to it.
     *
     * @param relations the replay's relation cache
     * @param transaction the transaction, or {@code null} if not known
     * @return the factory
     */
    static EventFactory replaying(RelationCache relations, TransactionInfo transaction) {
        EventFactory f = new EventFactory(relations);
        f.current = transaction;
        f.block = transaction;
        return f;
    }

    /**
     * @param m the decoded message, already applied to the relation cache
     * @param walStart the XLogData start
     * @param walEnd the server's WAL end
     * @param serverTimeMicros the server's send time
     * @return the event
     */
    ReplicationEvent create(PgOutputMessage m, Lsn walStart, Lsn walEnd, long serverTimeMicros) {
        TransactionInfo tx = track(m);
        if (m instanceof Insert i) { // the common case, without the ChangeRows holder
            Row row = binder.newRow(i);
            return new ReplicationEvent(m, walStart, walEnd, serverTimeMicros, row, null, tx,
                    binder.listOf(row.relation()));
        }
        RowBinder.ChangeRows rows = binder.bind(m);
        return new ReplicationEvent(m, walStart, walEnd, serverTimeMicros, rows.newRow(), rows.oldRow(), tx,
                rows.relations());
    }

    private TransactionInfo track(PgOutputMessage m) {
        if (m instanceof Insert || m instanceof Update || m instanceof Delete) { // the common case first
            return ofChange(m);
        }
        if (m instanceof Begin b) {
            current = new TransactionInfo(b.xid(), null, false, b.finalLsn(), b.commitTime());
            return current;
        }
        if (m instanceof Commit c) {
            TransactionInfo tx = current;
            if (tx != null) {
                tx.complete(c.commitLsn(), c.endLsn(), c.commitTime());
            }
            current = null;
            return tx;
        }
        if (m instanceof StreamStart s) {
            block = streamed.computeIfAbsent(s.xid(), x -> new TransactionInfo(x, null, true, null, null));
            return block;
        }
        if (m instanceof StreamStop) {
            TransactionInfo tx = block;
            block = null;
            return tx;
        }
        if (m instanceof StreamCommit sc) {
            TransactionInfo tx = streamed.remove(sc.xid());
            if (tx == null) {
                tx = new TransactionInfo(sc.xid(), null, true, null, null);
            }
            tx.complete(sc.commitLsn(), sc.endLsn(), sc.commitTime());
            return tx;
        }
        if (m instanceof StreamAbort sa) {
            TransactionInfo tx = sa.isTopLevel() ? streamed.remove(sa.xid()) : streamed.get(sa.xid());
            if (tx == null) {
                tx = new TransactionInfo(sa.xid(), null, true, null, null);
            }
            if (sa.isTopLevel()) {
                tx.abort();
            }
            return tx;
        }
        if (m instanceof BeginPrepare bp) {
            current = new TransactionInfo(bp.xid(), bp.gid(), false, null, null);
            prepared.put(bp.gid(), current);
            return current;
        }
        if (m instanceof Prepare p) {
            TransactionInfo tx = current != null ? current : prepared.get(p.gid());
            current = null;
            return tx;
        }
        if (m instanceof StreamPrepare sp) {
            TransactionInfo tx = streamed.remove(sp.xid());
            if (tx == null) {
                tx = new TransactionInfo(sp.xid(), sp.gid(), true, null, null);
            }
            prepared.put(sp.gid(), tx);
            return tx;
        }
        if (m instanceof CommitPrepared cp) {
            TransactionInfo tx = prepared.remove(cp.gid());
            if (tx == null) {
                tx = new TransactionInfo(cp.xid(), cp.gid(), false, null, null);
            }
            tx.complete(cp.commitLsn(), cp.endLsn(), cp.commitTime());
            return tx;
        }
        if (m instanceof RollbackPrepared rp) {
            TransactionInfo tx = prepared.remove(rp.gid());
            if (tx == null) {
                tx = new TransactionInfo(rp.xid(), rp.gid(), false, null, null);
            }
            tx.abort();
            return tx;
        }
        return ofChange(m);
    }

    /** The transaction of a message that neither opens nor ends one. */
    private TransactionInfo ofChange(PgOutputMessage m) {
        if (m.streamXid().isPresent()) {
            return block != null ? block : streamed.get(m.streamXid().getAsInt());
        }
        return current;
    }
}
