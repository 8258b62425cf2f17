package io.walstream;

import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;

/**
 * One pgoutput message left undecoded, with its positions: what {@link LogicalReplicationStream#nextRaw} returns
 * for an application that decodes the payload itself.
 *
 * <p>Between Stream Start and Stream Stop the changes {@code R Y I U D T M} carry a leading {@code Int32 xid} and
 * the protocol has no flag for it; {@link #hasStreamXid()} says whether this one does. The payload stays valid
 * and unchanged after later reads: from {@link LogicalReplicationStream#forEachRaw} it is always the message's own
 * copy; from {@code nextRaw} up to 8 KiB it is the message's own copy, a larger one a view of the read buffer it
 * arrived in, which holding the event keeps alive, so copy ({@link #payloadBytes()}) what you keep.
 *
 * <p><b>Thread safety:</b> immutable; {@link #payload()} returns a new read-only view each call.
 *
 * @param data the XLogData: positions, server time and the payload (type byte first)
 * @param tag the message type byte, e.g. {@code 'I'}
 * @param hasStreamXid whether the message carries the leading streaming xid (it arrived inside a stream block)
 * @param ackLsn for a commit-like message (Commit, Prepare, Stream Commit, Stream Prepare, Commit Prepared,
 *        Rollback Prepared), its end position, which the stream acknowledges per {@link FlushMode}; else
 *        {@code null}
 */
public record RawEvent(XLogData data, char tag, boolean hasStreamXid, Lsn ackLsn) {

    /** @return the XLogData start position (may be {@code 0/0} for Begin, Relation and Type) */
    public Lsn walStart() {
        return data.walStart();
    }

    /** @return the server's WAL end when it sent the message */
    public Lsn walEnd() {
        return data.walEnd();
    }

    /** @return the server clock when it sent the message, µs since 2000-01-01 UTC */
    public long serverTimeMicros() {
        return data.sendTimeMicros();
    }

    /** @return a fresh read-only view of the payload (the whole pgoutput message, type byte first) */
    public ByteBuffer payload() {
        return data.data().asReadOnlyBuffer();
    }

    /** @return a copy of the payload */
    public byte[] payloadBytes() {
        ByteBuffer b = data.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * @param p a message the delivery loop returned in raw mode, or {@code null}
     * @return it as a raw event, or {@code null}
     */
    static RawEvent of(EventSource.Polled p) {
        if (p == null) {
            return null;
        }
        XLogData x = p.data(); // the tag without building the payload view, which most handlers never ask for
        return new RawEvent(x, (char) (x.payloadByte(0) & 0xFF), p.streamXid(), p.ackPoint());
    }

    /** @return whether this is a commit-like message, acknowledged per {@link FlushMode} */
    public boolean isCommitLike() {
        return ackLsn != null;
    }
}
