package io.walstream;

import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Type;
import io.walstream.pgoutput.Update;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the decoded message sequence of a session into whole {@link Transaction}s, in the order their
 * commit-like messages arrive (commit order).
 *
 * <ul>
 * <li>Begin … Commit and Begin Prepare … Prepare: one open transaction at a time; a second Begin while one is
 *     open (a transaction cut off and resent) replaces it.</li>
 * <li>Streamed transactions: chunks of several xids, interleaved, routed by the Stream Start xid; a chunk with
 *     {@code first_segment} starts the xid afresh (it is being resent). Stream Abort of the top-level xid drops
 *     the transaction; Stream Abort of a subxid drops the changes whose leading (streaming) xid is that subxid.
 *     Stream Commit / Stream Prepare delivers it.</li>
 * <li>Commit Prepared / Rollback Prepared are delivered on their own, change-less.</li>
 * <li>A non-transactional Message is delivered on its own as {@link Transaction.Kind#MESSAGE}.</li>
 * </ul>
 * Changes are held in memory up to the budget (shared by all open transactions); past it, the changes of an
 * open transaction go to its {@link SpillFile} (from then on all of them, so that order is kept). The caller
 * calls {@link #reset()} when the server starts over after a reconnect and {@link #discard(int)} for a
 * streamed transaction that turned out to be a duplicate.
 *
 * <p><b>Thread safety:</b> thread-safe (synchronized); meant for one consuming thread plus {@link #close()} from
 * any thread.
 */
final class TransactionAssembler {

    private static final Logger log = LoggerFactory.getLogger(TransactionAssembler.class);
    /** What a change costs in memory besides its payload bytes (objects, decoded copies), roughly. */
    static final int CHANGE_OVERHEAD = 128;

    private final long budget;
    private final Path spillDirectory;
    private long memoryBytes;
    private Pending regular;
    private final Map<Integer, Pending> streamed = new LinkedHashMap<>();
    private Pending block;
    private Pending originTarget;
    private final Map<Integer, Type> types = new HashMap<>();
    private final Map<Integer, SpillFile.RelationSnapshot> snapshots = new HashMap<>();
    private final Set<Transaction> unreleased = new LinkedHashSet<>();
    private long spillFiles;
    private boolean closed;

    TransactionAssembler(TransactionOptions options) {
        this.budget = options.memoryBudgetBytes();
        this.spillDirectory = options.spillDirectory();
    }

    /**
     * @param event the next event of the session
     * @param payload the XLogData payload it was decoded from (position to limit), for spilling
     * @return the transaction the event completed, or {@code null}
     * @throws ProtocolException if the sequence is impossible (a commit without its transaction)
     */
    synchronized Transaction accept(ReplicationEvent event, ByteBuffer payload) {
        if (closed) {
            return null;
        }
        PgOutputMessage m = event.message();
        Lsn at = event.walStart();
        if (m instanceof Type t) {
            types.put(t.oid(), t);
        } else if (m instanceof Relation r) {
            snapshots.put(r.oid(), snapshot(r));
        } else if (m instanceof Origin o) {
            if (originTarget != null) {
                originTarget.origin = o;
                if (!originTarget.beginLsn.isValid()) {
                    originTarget.beginLsn = at;
                }
            }
        } else if (m instanceof Begin b) {
            openRegular(new Pending(b.xid(), at, false));
        } else if (m instanceof BeginPrepare bp) {
            openRegular(new Pending(bp.xid(), at, true));
        } else if (m instanceof Commit c) {
            return takeRegular(m, false).finish(Transaction.Kind.REGULAR, false, c, c.commitLsn(), c.endLsn(),
                    c.commitTimeMicros());
        } else if (m instanceof Prepare p) {
            return takeRegular(m, true).finish(Transaction.Kind.PREPARED, false, p, p.prepareLsn(), p.endLsn(),
                    p.prepareTimeMicros());
        } else if (m instanceof StreamStart s) {
            streamStart(s, at);
        } else if (m instanceof StreamStop) {
            block = null;
            originTarget = null;
        } else if (m instanceof StreamCommit sc) {
            return takeStreamed(sc.xid(), m).finish(Transaction.Kind.STREAMED, true, sc, sc.commitLsn(),
                    sc.endLsn(), sc.commitTimeMicros());
        } else if (m instanceof StreamPrepare sp) {
            return takeStreamed(sp.xid(), m).finish(Transaction.Kind.PREPARED, true, sp, sp.prepareLsn(),
                    sp.endLsn(), sp.prepareTimeMicros());
        } else if (m instanceof StreamAbort a) {
            streamAbort(a);
        } else if (m instanceof CommitPrepared cp) {
            return settled(Transaction.Kind.COMMIT_PREPARED, cp.xid(), cp.gid(), cp.commitLsn(), cp.endLsn(),
                    cp.commitTimeMicros(), cp);
        } else if (m instanceof RollbackPrepared rp) {
            return settled(Transaction.Kind.ROLLBACK_PREPARED, rp.xid(), rp.gid(), Lsn.INVALID, rp.rollbackEndLsn(),
                    rp.rollbackTimeMicros(), rp);
        } else if (m instanceof LogicalMessage lm && !lm.transactional()) {
            return new Transaction(Transaction.Kind.MESSAGE, lm.streamXid().orElse(0), null, false, Lsn.INVALID,
                    lm.lsn(), Lsn.INVALID, event.serverTimeMicros(), null, lm, List.of(event), null, null);
        } else if (m instanceof Insert || m instanceof Update || m instanceof Delete || m instanceof Truncate
                || m instanceof LogicalMessage) {
            originTarget = null;
            Pending target = block != null ? block : regular;
            if (target == null) {
                throw new ProtocolException("pgoutput " + m.describe() + " arrived outside any transaction");
            }
            target.add(event, payload);
        }
        return null;
    }

    /** Forgets everything not yet delivered: the server sends it again after a reconnect. */
    synchronized void reset() {
        if (regular != null) {
            regular.drop();
            regular = null;
        }
        for (Pending p : streamed.values()) {
            p.drop();
        }
        streamed.clear();
        block = null;
        originTarget = null;
        types.clear();
        snapshots.clear();
    }

    /**
     * Drops a streamed transaction whose chunks arrived again although it was delivered before a reconnect.
     *
     * @param xid its xid
     */
    synchronized void discard(int xid) {
        Pending p = streamed.remove(xid);
        if (p != null) {
            p.drop();
            log.debug("Dropped the resent chunks of streamed transaction {}: delivered before the reconnect",
                    Integer.toUnsignedString(xid));
        }
    }

    /** Discards everything and releases the delivered transactions; deletes all spill files. Idempotent. */
    void close() {
        List<Transaction> delivered;
        synchronized (this) {
            closed = true;
            reset();
            delivered = new ArrayList<>(unreleased);
        }
        for (Transaction t : delivered) {
            t.release();
        }
    }

    /** @return the bytes held in memory (open transactions and delivered, unreleased ones), approximately */
    synchronized long memoryBytes() {
        return memoryBytes;
    }

    /** @return the number of open (undelivered) transactions */
    synchronized int openTransactions() {
        return streamed.size() + (regular == null ? 0 : 1);
    }

    /** @return how many spill files were created so far */
    synchronized long spillFilesCreated() {
        return spillFiles;
    }

    private void openRegular(Pending p) {
        if (regular != null) {
            log.debug("Transaction {} started again from its Begin; dropping the partial copy",
                    Integer.toUnsignedString(regular.xid));
            regular.drop();
        }
        regular = p;
        originTarget = p;
    }

    private Pending takeRegular(PgOutputMessage end, boolean prepared) {
        Pending p = regular;
        if (p == null || p.prepared != prepared) {
            throw new ProtocolException("pgoutput " + end.describe() + " arrived without its "
                    + (prepared ? "Begin Prepare" : "Begin"));
        }
        regular = null;
        originTarget = null;
        return p;
    }

    private void streamStart(StreamStart s, Lsn at) {
        Pending p = streamed.get(s.xid());
        if (s.firstSegment()) {
            if (p != null) {
                log.debug("Streamed transaction {} started again from its first chunk; dropping the partial copy",
                        Integer.toUnsignedString(s.xid()));
                p.drop();
            }
            p = new Pending(s.xid(), at, false);
            streamed.put(s.xid(), p);
            originTarget = p;
        } else {
            originTarget = null;
            if (p == null) {
                p = new Pending(s.xid(), at, false);
                p.incomplete = true;
                streamed.put(s.xid(), p);
            }
        }
        block = p;
    }

    private Pending takeStreamed(int xid, PgOutputMessage end) {
        Pending p = streamed.remove(xid);
        if (p == null || p.incomplete) {
            if (p != null) {
                p.drop();
            }
            throw new ProtocolException("pgoutput " + end.describe() + " arrived for a streamed transaction whose "
                    + (p == null ? "chunks were never received" : "first chunk was never received"));
        }
        return p;
    }

    private void streamAbort(StreamAbort a) {
        Pending p = streamed.get(a.xid());
        if (p == null) {
            return;
        }
        if (a.isTopLevel()) {
            streamed.remove(a.xid());
            p.drop();
        } else {
            p.abortSubtransaction(a.subxid());
        }
    }

    private Transaction settled(Transaction.Kind kind, int xid, String gid, Lsn commitLsn, Lsn endLsn, long time,
                                PgOutputMessage end) {
        return new Transaction(kind, xid, gid, false, Lsn.INVALID, commitLsn, endLsn, time, null, end, List.of(),
                null, null);
    }

    private SpillFile.RelationSnapshot snapshot(Relation r) {
        List<Type> used = new ArrayList<>();
        for (RelationColumn c : r.columns()) {
            Type t = types.get(c.typeOid());
            if (t != null && !used.contains(t)) {
                used.add(t);
            }
        }
        return new SpillFile.RelationSnapshot(r, List.copyOf(used));
    }

    private SpillFile.RelationSnapshot snapshotFor(ReplicationEvent e) {
        CachedRelation cr = e.newRow() != null ? e.newRow().relation()
                : e.oldRow() != null ? e.oldRow().relation() : null;
        if (cr == null) {
            return null;
        }
        SpillFile.RelationSnapshot s = snapshots.get(cr.oid());
        return s != null && s.relation() == cr.relation() ? s : snapshot(cr.relation());
    }

    private synchronized void released(Transaction t, long bytes) {
        memoryBytes -= bytes;
        unreleased.remove(t);
    }

    private record Entry(ReplicationEvent event, int size) {
    }

    /** A transaction being received. */
    private final class Pending {
        final int xid;
        final boolean prepared;
        Lsn beginLsn;
        Origin origin;
        boolean incomplete;
        final List<Entry> memory = new ArrayList<>();
        long memBytes;
        SpillFile spill;

        Pending(int xid, Lsn beginLsn, boolean prepared) {
            this.xid = xid;
            this.beginLsn = beginLsn;
            this.prepared = prepared;
        }

        void add(ReplicationEvent event, ByteBuffer payload) {
            int size = payload.remaining() + CHANGE_OVERHEAD;
            if (spill == null && memoryBytes + size <= budget) {
                memory.add(new Entry(event, size));
                memBytes += size;
                memoryBytes += size;
                return;
            }
            if (spill == null) {
                spill = SpillFile.create(spillDirectory, xid);
                spillFiles++;
                log.debug("Transaction {} exceeds the memory budget of {} bytes; spilling to {}",
                        Integer.toUnsignedString(xid), budget, spill.path());
            }
            spill.append(event, payload, snapshotFor(event));
        }

        void abortSubtransaction(int subxid) {
            for (Iterator<Entry> it = memory.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.event().message().streamXid().orElse(0) == subxid) {
                    it.remove();
                    memBytes -= e.size();
                    memoryBytes -= e.size();
                }
            }
            if (spill != null) {
                spill.abortSubtransaction(subxid);
            }
        }

        void drop() {
            memoryBytes -= memBytes;
            memBytes = 0;
            memory.clear();
            if (spill != null) {
                spill.delete();
                spill = null;
            }
        }

        Transaction finish(Transaction.Kind kind, boolean isStreamed, PgOutputMessage end, Lsn commitLsn, Lsn endLsn,
                           long time) {
            List<ReplicationEvent> events = new ArrayList<>(memory.size());
            for (Entry e : memory) {
                events.add(e.event());
            }
            if (spill != null) {
                spill.finishWriting();
            }
            long held = memBytes;
            Transaction[] self = new Transaction[1];
            Transaction t = new Transaction(kind, xid, kind == Transaction.Kind.PREPARED ? gidOf(end) : null,
                    isStreamed, beginLsn, commitLsn, endLsn, time, origin, end, events, spill,
                    () -> released(self[0], held));
            self[0] = t;
            unreleased.add(t);
            return t;
        }
    }

    private static String gidOf(PgOutputMessage end) {
        if (end instanceof Prepare p) {
            return p.gid();
        }
        if (end instanceof StreamPrepare sp) {
            return sp.gid();
        }
        return null;
    }
}
