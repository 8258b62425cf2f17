package io.walstream.pgoutput;

import io.walstream.ProtocolException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server has told this session about relations and types, fed only by {@link Relation} and
 * {@link Type} messages, and the place where tuples become {@link Row}s.
 *
 * <pre>
 * Type 'Y'     -> types[oid]                      (names for the columns of later Relations)
 * Relation 'R' -> relations[oid] = new entry      (replaces any earlier entry: schema changes apply to
 *                                                  the rows that follow)
 * I/U/D        -> row(relations[oid], tuple)      (unknown oid: UnknownRelationException)
 * </pre>
 *
 * <p>The server resends Relation (and Type) messages after every reconnect and after schema changes, and
 * never assumes state from an earlier session: {@link #clear()} the cache when reconnecting.
 *
 * <p><b>Thread safety:</b> feed it ({@link #accept}, {@link #clear()}) from the thread that decodes the stream.
 * Once fed, rows may be bound and entries looked up from several threads at once (the snapshot workers do),
 * as long as nothing feeds it meanwhile. The entries and rows it hands out are immutable.
 */
public final class RelationCache {
    private volatile Utf8Policy utf8 = Utf8Policy.lenient();

    /**
     * @param policy how rows bound from now on decode text values with invalid UTF-8 (default: lenient,
     *        counted)
     */
    public void utf8Policy(Utf8Policy policy) {
        this.utf8 = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** @return the UTF-8 policy of rows bound by this cache, with its count of replaced values */
    public Utf8Policy utf8Policy() {
        return utf8;
    }

    /** By relation OID, without boxing: every row bound looks its relation up here. */
    private final IntObjectMap<CachedRelation> relations = new IntObjectMap<>();
    private final Map<Integer, Type> types = new HashMap<>();
    /**
     * The entry the last row was bound to, checked before the map: a stream's changes come in runs of one
     * table, so most rows skip the hash probe. Replaced by {@link #put(Relation)}, dropped by {@link #clear()}.
     */
    private CachedRelation lastBound;

    /**
     * Feeds a message if it is a {@link Relation} or a {@link Type}; ignores every other message.
     *
     * @param message any decoded message
     * @return whether the cache changed
     */
    public boolean accept(PgOutputMessage message) {
        if (message instanceof Relation) {
            put((Relation) message);
            return true;
        }
        if (message instanceof Type) {
            put((Type) message);
            return true;
        }
        return false;
    }

    /**
     * @param relation a Relation message
     * @return the new entry, which replaces any earlier one for the same OID
     */
    public CachedRelation put(Relation relation) {
        CachedRelation entry = new CachedRelation(relation, types);
        relations.put(relation.oid(), entry);
        lastBound = null; // an entry it may have been is replaced
        return entry;
    }

    /** @param type a Type message; names columns of this type in Relations fed after it */
    public void put(Type type) {
        types.put(type.oid(), type);
    }

    /**
     * @param oid a relation OID
     * @return the entry, if a Relation for it was seen
     */
    public Optional<CachedRelation> find(int oid) {
        return Optional.ofNullable(relations.get(oid));
    }

    /**
     * @param oid a relation OID
     * @return the entry
     * @throws UnknownRelationException if no Relation for it was seen
     */
    public CachedRelation relation(int oid) {
        return lookup(oid, Relation.TAG);
    }

    /**
     * @param typeOid a type OID
     * @return its name from a Type message, else the built-in name, else {@code "oid N"}
     */
    public String typeName(int typeOid) {
        return CachedRelation.typeName(typeOid, types);
    }

    /** @return the number of relations known */
    public int size() {
        return relations.size();
    }

    /** Forgets every relation and type; call on reconnect. */
    public void clear() {
        relations.clear();
        types.clear();
        lastBound = null;
    }

    /**
     * @param insert an Insert
     * @return the inserted row
     * @throws UnknownRelationException if its relation is unknown
     * @throws ProtocolException if the tuple's column count differs from the relation's
     */
    public Row newRow(Insert insert) {
        return bind(insert.relationOid(), Insert.TAG, insert.newTuple(), false);
    }

    /**
     * @param update an Update
     * @return the new row; {@link ColumnValue#isUnchangedToast()} marks values that were not sent
     * @throws UnknownRelationException if its relation is unknown
     * @throws ProtocolException if the tuple's column count differs from the relation's
     */
    public Row newRow(Update update) {
        return bind(update.relationOid(), Update.TAG, update.newTuple(), false);
    }

    /**
     * @param update an Update
     * @return the old row or key, empty if the update carries none
     * @throws UnknownRelationException if its relation is unknown
     * @throws ProtocolException if the tuple's column count differs from the relation's
     */
    public Optional<Row> oldRow(Update update) {
        if (update.oldKind() == OldTupleKind.NONE) {
            lookup(update.relationOid(), Update.TAG);
            return Optional.empty();
        }
        return Optional.of(bind(update.relationOid(), Update.TAG, update.oldTuple(), update.isKeyOnly()));
    }

    /**
     * @param delete a Delete
     * @return the deleted row, or only its key ({@link Row#isKeyOnly()})
     * @throws UnknownRelationException if its relation is unknown
     * @throws ProtocolException if the tuple's column count differs from the relation's
     */
    public Row oldRow(Delete delete) {
        return bind(delete.relationOid(), Delete.TAG, delete.oldTuple(), delete.isKeyOnly());
    }

    /**
     * Binds any tuple to the current entry of its relation.
     *
     * @param relationOid the relation OID
     * @param tuple the tuple
     * @param keyOnly whether it is a {@code 'K'} tuple (non-key columns are placeholders)
     * @return the row
     * @throws UnknownRelationException if the relation is unknown
     * @throws ProtocolException if the tuple's column count differs from the relation's
     */
    public Row row(int relationOid, TupleData tuple, boolean keyOnly) {
        return bind(relationOid, -1, tuple, keyOnly);
    }

    private CachedRelation lookup(int oid, int tag) {
        // One reference read, and the entry (immutable) carries its own OID: snapshot workers bind rows of
        // different tables through one cache at the same time, and a separate OID field could pair with another
        // thread's entry.
        CachedRelation r = lastBound;
        if (r != null && r.oid() == oid) {
            return r;
        }
        r = relations.get(oid);
        if (r == null) {
            throw new UnknownRelationException(oid, tag);
        }
        lastBound = r;
        return r;
    }

    private Row bind(int oid, int tag, TupleData tuple, boolean keyOnly) {
        CachedRelation r = lookup(oid, tag);
        if (tuple.size() != r.columnCount()) {
            throw new ProtocolException("pgoutput message " + ProtocolException.describeTag(tag) + " for relation "
                    + Integer.toUnsignedString(oid) + " (" + r.qualifiedName() + ") has a tuple of " + tuple.size()
                    + " columns but the last Relation message declared " + r.columnCount()
                    + "; a Relation message was probably missed", tag, -1, "", null);
        }
        return new Row(r, tuple, keyOnly, utf8);
    }
}
