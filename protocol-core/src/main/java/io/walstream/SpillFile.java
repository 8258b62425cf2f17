package io.walstream;

import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Type;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of one open transaction beyond the memory budget, in a temporary file, in arrival order.
 *
 * <p>Each change is stored as the XLogData payload it arrived in, unchanged, behind a fixed header, and decoded
 * again when read back:
 * <pre>
 * Int8  flags          bit 0: the payload carries the leading streaming xid (decode it inside a stream block)
 * Int32 subxid         that xid (the subtransaction's), else 0
 * Int64 walStart | Int64 walEnd | Int64 serverTimeMicros       the event's positions
 * Int32 relation       index of the relation snapshot the rows were bound to, or -1
 * Int32 length | Byte[length] payload
 * </pre>
 * The relation snapshots (a Relation with the Type messages its columns named) stay in memory, one per distinct
 * relation version used in the file, so that rows bind on read-back exactly as they did on arrival even if the
 * relation changed since. Subtransaction aborts are applied on read-back (records of an aborted subxid are
 * skipped): the file is append-only.
 *
 * <p><b>Thread safety:</b> appends from one thread; after {@link #finishWriting()} any number of threads may read
 * concurrently (each {@link #read()} opens the file anew); {@link #delete()} from any thread.
 */
final class SpillFile {
    private volatile TransactionInfo transaction;

    private static final Logger log = LoggerFactory.getLogger(SpillFile.class);
    private static final int FLAG_STREAM_XID = 1;
    static final int HEADER_BYTES = 1 + 4 + 8 + 8 + 8 + 4 + 4;

    /** A relation version: the Relation and the Type messages that named its column types. */
    record RelationSnapshot(Relation relation, List<Type> types) {
    }

    private final Path path;
    private DataOutputStream out;
    private final List<RelationSnapshot> snapshots = new ArrayList<>();
    private final Map<Relation, Integer> snapshotIndex = new IdentityHashMap<>();
    private final Map<Integer, Integer> countBySubxid = new HashMap<>();
    private final Set<Integer> abortedSubxids = new HashSet<>();
    private final List<Closeable> readers = new ArrayList<>();
    private int liveCount;
    private long bytes;
    private volatile boolean deleted;

    private SpillFile(Path path) throws IOException {
        this.path = path;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    }

    /**
     * @param directory where to create the file
     * @param xid the transaction, for the file name
     * @return a new, empty spill file
     */
    static SpillFile create(Path directory, int xid) {
        try {
            Path p = Files.createTempFile(directory, "walstream-tx-" + Integer.toUnsignedString(xid) + "-", ".spill");
            return new SpillFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spill file in " + directory, e);
        }
    }

    /** @return the file */
    Path path() {
        return path;
    }

    /** @return the bytes written */
    long bytes() {
        return bytes;
    }

    /**
     * @param event the change
     * @param payload its XLogData payload, position to limit
     * @param snapshot the relation its rows were bound to, or {@code null}
     */
    void append(ReplicationEvent event, ByteBuffer payload, RelationSnapshot snapshot) {
        if (transaction == null) {
            transaction = event.transaction(); // all of a spill file's events share it: replayed events get it too
        }
        int relation = -1;
        if (snapshot != null) {
            Integer i = snapshotIndex.get(snapshot.relation());
            if (i == null) {
                i = snapshots.size();
                snapshots.add(snapshot);
                snapshotIndex.put(snapshot.relation(), i);
            }
            relation = i;
        }
        boolean streamXid = event.message().streamXid().isPresent();
        int subxid = event.message().streamXid().orElse(0);
        ByteBuffer b = payload.duplicate();
        int len = b.remaining();
        try {
            out.writeByte(streamXid ? FLAG_STREAM_XID : 0);
            out.writeInt(subxid);
            out.writeLong(event.walStart().value());
            out.writeLong(event.walEnd().value());
            out.writeLong(event.serverTimeMicros());
            out.writeInt(relation);
            out.writeInt(len);
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), len);
            } else {
                byte[] copy = new byte[len];
                b.get(copy);
                out.write(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spill file " + path, e);
        }
        bytes += HEADER_BYTES + len;
        liveCount++;
        if (streamXid) {
            countBySubxid.merge(subxid, 1, Integer::sum);
        }
    }

    /**
     * Drops the changes of an aborted subtransaction (on read-back).
     *
     * @param subxid the subtransaction
     */
    void abortSubtransaction(int subxid) {
        if (abortedSubxids.add(subxid)) {
            Integer n = countBySubxid.remove(subxid);
            if (n != null) {
                liveCount -= n;
            }
        }
    }

    /** @return the changes that will be read back */
    int liveCount() {
        return liveCount;
    }

    /** Flushes and closes the writer; call before reading. */
    void finishWriting() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spill file " + path, e);
        } finally {
            out = null;
        }
    }

    /**
     * @return the changes, decoded again and bound to their relation snapshots
     */
    Iterator<ReplicationEvent> read() {
        finishWriting();
        if (deleted) {
            throw new IllegalStateException("The spill file " + path + " was deleted");
        }
        try {
            Reader r = new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16)));
            synchronized (readers) {
                readers.add(r);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spill file " + path, e);
        }
    }

    /** Closes the writer and any readers and deletes the file. Idempotent. */
    void delete() {
        if (deleted) {
            return;
        }
        deleted = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            log.debug("Closing spill file {}: {}", path, e.toString());
        }
        out = null;
        List<Closeable> open;
        synchronized (readers) {
            open = new ArrayList<>(readers);
            readers.clear();
        }
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                log.debug("Closing a reader of spill file {}: {}", path, e.toString());
            }
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot delete the spill file {}: {}", path, e.toString());
        }
    }

    private final class Reader implements Iterator<ReplicationEvent>, Closeable {
        private final DataInputStream in;
        private final PgOutputDecoder decoder = PgOutputDecoder.builder(PgOutputDecoder.MAX_PROTOCOL_VERSION).build();
        private final RelationCache relations = new RelationCache();
        private final EventFactory events = EventFactory.replaying(relations, transaction);
        private final Map<Integer, Integer> boundSnapshot = new HashMap<>();
        private ReplicationEvent next;
        private boolean done;

        Reader(DataInputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = readNext();
                if (next == null) {
                    done = true;
                    close();
                }
            }
            return next != null;
        }

        @Override
        public ReplicationEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ReplicationEvent e = next;
            next = null;
            return e;
        }

        private ReplicationEvent readNext() {
            try {
                while (true) {
                    int flags;
                    try {
                        flags = in.readUnsignedByte();
                    } catch (EOFException eof) {
                        return null;
                    }
                    int subxid = in.readInt();
                    Lsn walStart = Lsn.of(in.readLong());
                    Lsn walEnd = Lsn.of(in.readLong());
                    long time = in.readLong();
                    int relation = in.readInt();
                    byte[] payload = new byte[in.readInt()];
                    in.readFully(payload);
                    boolean streamXid = (flags & FLAG_STREAM_XID) != 0;
                    if (streamXid && abortedSubxids.contains(subxid)) {
                        continue;
                    }
                    enterBlock(streamXid, subxid);
                    PgOutputMessage m = decoder.decode(payload);
                    if (relation >= 0) {
                        bindSnapshot(relation);
                    }
                    return bind(m, walStart, walEnd, time);
                }
            } catch (IOException e) {
                if (deleted) {
                    throw new IllegalStateException("The transaction was released while its changes were read", e);
                }
                throw new UncheckedIOException("Cannot read the spill file " + path, e);
            }
        }

        /** Puts the decoder inside (or outside) a stream block, with synthetic Stream Start / Stop payloads. */
        private void enterBlock(boolean inside, int xid) {
            if (inside == decoder.inStreamBlock()) {
                return;
            }
            if (inside) {
                decoder.decode(new byte[] {'S', (byte) (xid >>> 24), (byte) (xid >>> 16), (byte) (xid >>> 8),
                        (byte) xid, 0});
            } else {
                decoder.decode(new byte[] {'E'});
            }
        }

        private void bindSnapshot(int index) {
            RelationSnapshot s = snapshots.get(index);
            Integer bound = boundSnapshot.get(s.relation().oid());
            if (bound != null && bound == index) {
                return;
            }
            for (Type t : s.types()) {
                relations.put(t);
            }
            relations.put(s.relation());
            boundSnapshot.put(s.relation().oid(), index);
        }

        private ReplicationEvent bind(PgOutputMessage m, Lsn walStart, Lsn walEnd, long time) {
            return events.create(m, walStart, walEnd, time);
        }

        @Override
        public void close() {
            done = true;
            try {
                in.close();
            } catch (IOException e) {
                log.debug("Closing a reader of spill file {}: {}", path, e.toString());
            }
            synchronized (readers) {
                readers.remove(this);
            }
        }
    }
}
