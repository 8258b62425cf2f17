package io.walstream.pgoutput;

import io.walstream.Lsn;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A message written with {@code pg_logical_emit_message} (only with {@code messages 'true'}).
 *
 * <pre>
 * Byte1 'M' | [Int32 xid, inside a stream block] | Int8 flags (1 = transactional) | Int64 lsn
 *   | String prefix | Int32 L | Byte*L content
 * </pre>
 *
 * <p>Content is raw bytes, not converted to the client encoding. The record holds its own copy: the accessor
 * returns a fresh copy and equality compares content.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param flags the flags byte (0–255); bit 0 = transactional
 * @param lsn the LSN of the message
 * @param prefix the prefix given to {@code pg_logical_emit_message}
 * @param content the message content
 */
public record LogicalMessage(OptionalInt streamXid, int flags, Lsn lsn, String prefix, byte[] content)
        implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'M';
    /** Flag bit: the message was emitted transactionally. */
    public static final int FLAG_TRANSACTIONAL = 1;

    public LogicalMessage {
        Objects.requireNonNull(streamXid, "streamXid");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(prefix, "prefix");
        content = content.clone();
    }

    /** Outside a stream block. */
    public LogicalMessage(boolean transactional, Lsn lsn, String prefix, byte[] content) {
        this(OptionalInt.empty(), transactional ? FLAG_TRANSACTIONAL : 0, lsn, prefix, content);
    }

    /** @return whether the message is part of its transaction (else it was emitted immediately) */
    public boolean transactional() {
        return (flags & FLAG_TRANSACTIONAL) != 0;
    }

    /** @return a copy of the content */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** @return a read-only view of the content */
    public ByteBuffer contentBuffer() {
        return ByteBuffer.wrap(content).asReadOnlyBuffer();
    }

    /** @return the content length in bytes */
    public int contentLength() {
        return content.length;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalMessage m && streamXid.equals(m.streamXid) && flags == m.flags
                && lsn.equals(m.lsn) && prefix.equals(m.prefix) && Arrays.equals(content, m.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamXid, flags, lsn, prefix) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "LogicalMessage[" + describe() + "]";
    }

    @Override
    public String describe() {
        return "LogicalMessage " + Describe.xid(streamXid) + "transactional=" + transactional()
                + (flags > 1 ? " flags=" + flags : "") + " lsn=" + lsn + " prefix=" + Describe.quote(prefix)
                + " content=" + Describe.hex(content, 0, content.length);
    }
}
