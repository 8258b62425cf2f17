package io.walstream;

import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.replication.PgTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One whole transaction from {@link TransactionStream}: its metadata, the message that ended it, and its changes
 * in order — Insert, Update and Delete (with bound rows), Truncate, and transactional Message events. Relation and
 * Type messages are not changes: they keep {@link LogicalReplicationStream#relations()} current and bind the rows.
 *
 * <p>Kinds: {@link Kind#REGULAR} (Begin … Commit), {@link Kind#STREAMED} (Stream Start/Stop chunks … Stream Commit,
 * without the changes of aborted subtransactions), {@link Kind#PREPARED} (Begin Prepare … Prepare, or streamed …
 * Stream Prepare: {@link #isStreamed()}), and the change-less {@link Kind#COMMIT_PREPARED} and
 * {@link Kind#ROLLBACK_PREPARED} that settle a prepared transaction later, matched by {@link #gid()} and
 * {@link #xid()}. {@link Kind#MESSAGE} carries one non-transactional logical decoding message, which has no
 * transaction and is not acknowledged.
 *
 * <p><b>Lifetime.</b> Changes beyond the memory budget live in a spill file and are read back (and decoded again)
 * on every iteration. A transaction is <em>released</em> — its file deleted, iteration then throws
 * {@link IllegalStateException} — when the next one is requested, when the {@code forEach} handler returns, or when
 * the stream closes. Metadata stays readable. Copy what you need to keep.
 *
 * <p><b>Thread safety:</b> the metadata is immutable; the changes may be iterated from any thread, several times
 * and concurrently (each iteration reads on its own), until the transaction is released.
 */
public final class Transaction implements Iterable<ReplicationEvent> {

    /**
     * What a {@link Transaction} is.
     *
     * <p><b>Thread safety:</b> immutable.
     */
    public enum Kind {
        /** A transaction sent at commit: Begin … Commit. */
        REGULAR,
        /** A large transaction streamed while in progress (protocol 2+), assembled at Stream Commit. */
        STREAMED,
        /** A prepared transaction (two-phase, protocol 3+), at PREPARE TRANSACTION; settled by a later kind. */
        PREPARED,
        /** COMMIT PREPARED of an earlier {@link #PREPARED} transaction; no changes. */
        COMMIT_PREPARED,
        /** ROLLBACK PREPARED of an earlier {@link #PREPARED} transaction; no changes. */
        ROLLBACK_PREPARED,
        /** A non-transactional logical decoding message, alone; not acknowledged. */
        MESSAGE
    }

    private final Kind kind;
    private final int xid;
    private final String gid;
    private final boolean streamed;
    private final Lsn beginLsn;
    private final Lsn commitLsn;
    private final Lsn endLsn;
    private final long commitTimeMicros;
    private final Origin origin;
    private final PgOutputMessage endMessage;
    private final List<ReplicationEvent> inMemory;
    private final SpillFile spill;
    private final int size;
    private final Runnable onRelease;
    private volatile boolean released;

    Transaction(Kind kind, int xid, String gid, boolean streamed, Lsn beginLsn, Lsn commitLsn, Lsn endLsn,
                long commitTimeMicros, Origin origin, PgOutputMessage endMessage, List<ReplicationEvent> inMemory,
                SpillFile spill, Runnable onRelease) {
        this.kind = kind;
        this.xid = xid;
        this.gid = gid;
        this.streamed = streamed;
        this.beginLsn = beginLsn;
        this.commitLsn = commitLsn;
        this.endLsn = endLsn;
        this.commitTimeMicros = commitTimeMicros;
        this.origin = origin;
        this.endMessage = endMessage;
        this.inMemory = Collections.unmodifiableList(inMemory);
        this.spill = spill;
        this.size = inMemory.size() + (spill == null ? 0 : spill.liveCount());
        this.onRelease = onRelease;
    }

    /** @return what this is */
    public Kind kind() {
        return kind;
    }

    /**
     * @return the top-level transaction id as on the wire (unsigned 32-bit in an {@code int}: print it with
     *         {@link io.walstream.pgoutput.Xids#toString(int)}); 0 for {@link Kind#MESSAGE} outside a stream block
     */
    public int xid() {
        return xid;
    }

    /** @return {@link #xid()} unsigned, as a {@code long}, like {@link TransactionInfo#xid()} */
    public long xidLong() {
        return io.walstream.pgoutput.Xids.toLong(xid);
    }

    /**
     * @return the global transaction identifier of a two-phase kind, else {@code null} (absent by kind: see the
     *         package documentation)
     */
    public String gid() {
        return gid;
    }

    /** @return whether the changes arrived streamed (Stream Commit, Stream Prepare) */
    public boolean isStreamed() {
        return streamed;
    }

    /**
     * @return the XLogData position of the Begin, Begin Prepare or first Stream Start (from the Origin message when
     *         the server sent {@code 0/0} there); {@code 0/0} for the change-less kinds and {@link Kind#MESSAGE}
     */
    public Lsn beginLsn() {
        return beginLsn;
    }

    /**
     * @return the start of the commit record (REGULAR, STREAMED — Begin's {@code final_lsn} —, COMMIT_PREPARED), of
     *         the prepare record (PREPARED), the message's LSN (MESSAGE), or {@code 0/0} (ROLLBACK_PREPARED: see
     *         {@link #endMessage()} for the prepare end)
     */
    public Lsn commitLsn() {
        return commitLsn;
    }

    /**
     * @return the end of the commit / prepare / rollback record: the position acknowledged for this transaction;
     *         {@code 0/0} for {@link Kind#MESSAGE}
     */
    public Lsn endLsn() {
        return endLsn;
    }

    /**
     * @return the commit (prepare, rollback) time in µs since 2000-01-01 UTC; for {@link Kind#MESSAGE} the
     *         server's send time
     */
    public long commitTimeMicros() {
        return commitTimeMicros;
    }

    /** @return {@link #commitTimeMicros()} as an instant */
    public Instant commitTime() {
        return PgTime.toInstant(commitTimeMicros);
    }

    /** @return the replication origin the transaction was applied from on the server, if the server sent one */
    public Optional<Origin> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * @return the message that ended the transaction (Commit, Stream Commit, Prepare, Stream Prepare, Commit
     *         Prepared, Rollback Prepared) with all its fields; the LogicalMessage itself for {@link Kind#MESSAGE}
     */
    public PgOutputMessage endMessage() {
        return endMessage;
    }

    /** @return the number of changes */
    public int size() {
        return size;
    }

    /** @return whether there are no changes */
    public boolean isEmpty() {
        return size == 0;
    }

    /** @return whether some changes live in a spill file */
    public boolean isSpilled() {
        return spill != null;
    }

    /** @return whether the transaction was released (its changes are gone) */
    public boolean isReleased() {
        return released;
    }

    /**
     * Iterates the changes in order; spilled ones are read back and decoded as the iteration reaches them. An
     * iteration that stops early keeps its file open until the transaction is released.
     *
     * @return an iterator
     * @throws IllegalStateException if the transaction was released
     */
    @Override
    public Iterator<ReplicationEvent> iterator() {
        checkLive();
        Iterator<ReplicationEvent> memory = inMemory.iterator();
        if (spill == null) {
            return memory;
        }
        return new Iterator<>() {
            private Iterator<ReplicationEvent> disk;

            @Override
            public boolean hasNext() {
                if (memory.hasNext()) {
                    return true;
                }
                checkLive();
                if (disk == null) {
                    disk = spill.read();
                }
                return disk.hasNext();
            }

            @Override
            public ReplicationEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return memory.hasNext() ? memory.next() : disk.next();
            }
        };
    }

    /**
     * @return all changes in a new list; a spilled transaction is read back into memory whole
     * @throws IllegalStateException if the transaction was released
     */
    public List<ReplicationEvent> changes() {
        List<ReplicationEvent> all = new ArrayList<>(size);
        for (ReplicationEvent e : this) {
            all.add(e);
        }
        return all;
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("Transaction " + Integer.toUnsignedString(xid) + " was released: its "
                    + "changes are only available until the next transaction is requested or the handler returns");
        }
    }

    /** Frees the changes: deletes the spill file and returns the memory to the budget. Idempotent. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (spill != null) {
            spill.delete();
        }
        if (onRelease != null) {
            onRelease.run();
        }
    }

    /** @return a one-line summary, e.g. {@code REGULAR xid=742 commitLsn=0/16B3748 endLsn=0/16B3778 changes=3} */
    public String describe() {
        return kind + (streamed && kind != Kind.STREAMED ? " (streamed)" : "") + " xid=" + Integer.toUnsignedString(xid)
                + (gid != null ? " gid='" + gid + "'" : "") + " commitLsn=" + commitLsn + " endLsn=" + endLsn
                + " changes=" + size + (origin != null ? " origin='" + origin.name() + "'" : "");
    }

    @Override
    public String toString() {
        return "Transaction[" + describe() + "]";
    }
}
