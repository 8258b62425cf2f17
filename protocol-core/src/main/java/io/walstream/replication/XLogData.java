package io.walstream.replication;

import io.walstream.Lsn;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * WAL data from the server.
 *
 * <pre>
 * Byte1 'w' | Int64 walStart | Int64 walEnd | Int64 sendTime (µs since 2000-01-01) | Byte[n] data
 * </pre>
 *
 * <p>See <a href="https://www.postgresql.org/docs/current/protocol-replication.html">Streaming Replication
 * Protocol</a>.
 *
 * <p>Read from a stream, a payload of up to 8 KiB is the message's own copy (so the stream reuses its read
 * buffer), a larger one a range of the stream's read buffer, which is then kept; either way the read-only
 * {@link #payload()} view of it is made on first use only, so a consumer that reads the data through
 * {@link #payloadLength()}, {@link #payloadByte(int)} or {@link #copyPayload()} (as the pgoutput decoder does)
 * costs no buffer object, and the view, when asked for, is a single slice of a view of the whole read buffer.
 * The positions are kept as primitives: {@link #walStartLong()} and {@link #walEndLong()} read them without an
 * {@link Lsn}. Equality, hash code and string form are those of a record of the four accessors.
 *
 * <p><b>Thread safety:</b> immutable; {@link #payload()} returns the same read-only view on every call (made
 * once), {@link #data()} a new one each call.
 */
public final class XLogData implements ReplicationMessage {

    /* Positions as primitives: an Lsn is made only when asked for (and then usually scalar-replaced). */
    private final long walStart;
    private final long walEnd;
    private final long sendTimeMicros;
    /** The data as {@code [offset, offset + length)} of {@link #array}, or {@code null} when built from a buffer. */
    private final byte[] array;
    /** A read-only view of the whole of {@link #array}, or {@code null}: the payload view is one slice of it. */
    private final ByteBuffer arrayView;
    private final int offset;
    private final int length;
    private volatile ByteBuffer payload;

    /**
     * @param walStart the WAL position of the start of the data
     * @param walEnd the server's current end of WAL
     * @param sendTimeMicros the server's clock when it sent this, in µs since 2000-01-01 UTC
     * @param payload the WAL data (a pgoutput message for logical replication), from its position to its limit;
     *        kept as given (not copied), so it should be read-only
     */
    public XLogData(Lsn walStart, Lsn walEnd, long sendTimeMicros, ByteBuffer payload) {
        this.walStart = Objects.requireNonNull(walStart, "walStart").value();
        this.walEnd = Objects.requireNonNull(walEnd, "walEnd").value();
        this.sendTimeMicros = sendTimeMicros;
        this.payload = Objects.requireNonNull(payload, "payload");
        this.array = null;
        this.arrayView = null;
        this.offset = 0;
        this.length = payload.remaining();
    }

    /**
     * Over a payload array the caller hands over: kept as given (not copied), so the caller must not change it
     * afterwards. For delivery loops that copy each payload out of a reused read buffer.
     *
     * @param walStart the WAL position of the start of the data
     * @param walEnd the server's current end of WAL
     * @param sendTimeMicros the server's clock when it sent this, in µs since 2000-01-01 UTC
     * @param payload the whole WAL data (a pgoutput message for logical replication), owned by the result
     * @return the XLogData
     */
    public static XLogData ofOwned(long walStart, long walEnd, long sendTimeMicros, byte[] payload) {
        return new XLogData(walStart, walEnd, sendTimeMicros, Objects.requireNonNull(payload, "payload"), null, 0,
                payload.length);
    }

    /**
     * Over a range of a read buffer that is never written to while this may be in use.
     *
     * @param arrayView a read-only view of the whole of {@code array}, or {@code null} to make one when needed
     */
    XLogData(long walStart, long walEnd, long sendTimeMicros, byte[] array, ByteBuffer arrayView, int offset,
             int length) {
        this.walStart = walStart;
        this.walEnd = walEnd;
        this.sendTimeMicros = sendTimeMicros;
        this.array = array;
        this.arrayView = arrayView;
        this.offset = offset;
        this.length = length;
    }

    /** @return the WAL position of the start of the data (a new {@code Lsn} each call; equal ones) */
    public Lsn walStart() {
        return new Lsn(walStart); // not Lsn.of: one allocation site, which the JIT can scalar-replace
    }

    /** @return the server's current end of WAL (a new {@code Lsn} each call; equal ones) */
    public Lsn walEnd() {
        return new Lsn(walEnd);
    }

    /** @return {@link #walStart()} as its 64-bit value, without an {@code Lsn} */
    public long walStartLong() {
        return walStart;
    }

    /** @return {@link #walEnd()} as its 64-bit value, without an {@code Lsn} */
    public long walEndLong() {
        return walEnd;
    }

    /** @return the server's clock when it sent this, in µs since 2000-01-01 UTC */
    public long sendTimeMicros() {
        return sendTimeMicros;
    }

    /** @return the WAL data (a pgoutput message for logical replication); read-only; the same view each call */
    public ByteBuffer payload() {
        ByteBuffer p = payload;
        if (p == null) {
            if (arrayView != null) {
                p = arrayView.slice(offset, length);
            } else if (offset == 0 && length == array.length) {
                p = ByteBuffer.wrap(array).asReadOnlyBuffer(); // a payload copied out: the view is the whole array
            } else {
                p = ByteBuffer.wrap(array).asReadOnlyBuffer().slice(offset, length);
            }
            payload = p;
        }
        return p;
    }

    /** @return a fresh read-only view of the payload, position 0 */
    public ByteBuffer data() {
        return payload().duplicate();
    }

    /** @return the payload's length in bytes */
    public int payloadLength() {
        return length;
    }

    /**
     * @param index an index into the payload
     * @return the payload byte there
     */
    public byte payloadByte(int index) {
        Objects.checkIndex(index, length);
        if (array != null) {
            return array[offset + index];
        }
        ByteBuffer p = payload;
        return p.get(p.position() + index);
    }

    /** @return a copy of the payload */
    public byte[] copyPayload() {
        byte[] copy = new byte[length];
        if (array != null) {
            System.arraycopy(array, offset, copy, 0, length);
        } else {
            ByteBuffer p = payload;
            p.get(p.position(), copy);
        }
        return copy;
    }

    @Override
    public String describe() {
        return "XLogData walStart=" + walStart() + " walEnd=" + walEnd() + " sendTime=" + sendTimeMicros
                + " len=" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XLogData x && walStart == x.walStart && walEnd == x.walEnd
                && sendTimeMicros == x.sendTimeMicros && payload().equals(x.payload());
    }

    @Override
    public int hashCode() {
        return Objects.hash(walStart(), walEnd(), sendTimeMicros, payload());
    }

    @Override
    public String toString() {
        return "XLogData[walStart=" + walStart() + ", walEnd=" + walEnd() + ", sendTimeMicros=" + sendTimeMicros
                + ", payload=" + payload() + "]";
    }
}
