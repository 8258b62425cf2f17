package io.walstream.pgoutput;

import io.walstream.ProtocolException;

/**
 * A change refers to a relation OID for which no {@link Relation} message has been seen in this session. The
 * server always sends Relation before the first change that uses it, so this means messages were lost,
 * reordered, or the {@link RelationCache} was not fed (or was cleared mid-session). Permanent for this
 * session: reconnect and resume from the last acknowledged position.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class UnknownRelationException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final int relationOid;

    /**
     * @param relationOid the unknown OID
     * @param tag the type byte of the message that referred to it
     */
    public UnknownRelationException(int relationOid, int tag) {
        super("pgoutput message " + describeTag(tag) + " refers to relation OID " + Integer.toUnsignedString(relationOid)
                + " but no Relation message for it was seen in this session; feed every Relation to the "
                + "RelationCache and reconnect to get them sent again", tag, -1, "", null);
        this.relationOid = relationOid;
    }

    public UnknownRelationException(String message) {
        super(message);
        this.relationOid = 0;
    }

    public UnknownRelationException(String message, Throwable cause) {
        super(message, cause);
        this.relationOid = 0;
    }

    public UnknownRelationException(Throwable cause) {
        super(cause);
        this.relationOid = 0;
    }

    /** @return the relation OID that was not known (unsigned), 0 if not given */
    public int relationOid() {
        return relationOid;
    }
}
