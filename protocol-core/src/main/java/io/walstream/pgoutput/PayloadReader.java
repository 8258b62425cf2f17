package io.walstream.pgoutput;

import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over one pgoutput payload, using absolute reads so the caller's buffer position
 * never moves. Every failure is a {@link MalformedFrameException} naming the message type, the offset within
 * the payload and the first 32 bytes of the payload. Not public.
 *
 * <p><b>Thread safety:</b> confined to one decode call.
 */
final class PayloadReader {
    private static final int EXCERPT = 32;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private final ByteBuffer buf;
    private final int base;
    private final int limit;
    private int pos;
    private int tag = -1;

    PayloadReader(ByteBuffer buf) {
        this.buf = buf;
        this.base = buf.position();
        this.limit = buf.limit();
        this.pos = base;
    }

    /** @param tag the message type byte, for error messages */
    void tag(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }

    /** @return the current offset within the payload */
    int offset() {
        return pos - base;
    }

    int remaining() {
        return limit - pos;
    }

    int length() {
        return limit - base;
    }

    void require(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw malformed(what + " needs " + n + " bytes but only " + (limit - pos) + " remain");
        }
    }

    int u8(String what) {
        require(1, what);
        return buf.get(pos++) & 0xff;
    }

    int u16(String what) {
        require(2, what);
        int v = buf.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    int i32(String what) {
        require(4, what);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long i64(String what) {
        require(8, what);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    /** Reads a NUL-terminated UTF-8 string; the terminator must lie within the payload. */
    String cstring(String what) {
        int end = pos;
        while (end < limit && buf.get(end) != 0) {
            end++;
        }
        if (end >= limit) {
            throw malformed(what + " is not NUL-terminated within the payload");
        }
        byte[] bytes = new byte[end - pos];
        buf.get(pos, bytes);
        pos = end + 1;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies {@code n} bytes after checking that they are there. */
    byte[] bytes(int n, String what) {
        require(n, what);
        byte[] out = new byte[n];
        buf.get(pos, out);
        pos += n;
        return out;
    }

    /** Copies the bytes between two absolute offsets within the payload (both already validated). */
    byte[] copy(int fromOffset, int toOffset) {
        byte[] out = new byte[toOffset - fromOffset];
        buf.get(base + fromOffset, out);
        return out;
    }

    void skip(int n, String what) {
        require(n, what);
        pos += n;
    }

    void expectEnd(String what) {
        if (pos != limit) {
            throw malformed(what + " ends at offset " + offset() + " but the payload has " + (limit - pos)
                    + " more bytes");
        }
    }

    MalformedFrameException malformed(String what) {
        return malformed(what, offset());
    }

    MalformedFrameException malformed(String what, int offset) {
        return new MalformedFrameException("pgoutput message " + ProtocolException.describeTag(tag)
                + " at payload offset " + offset + ": " + what, tag, offset, excerpt());
    }

    /** @return up to 32 bytes from the payload's first byte as spaced lower-case hex */
    String excerpt() {
        return excerpt(buf, base, limit);
    }

    static String excerpt(ByteBuffer buf, int from, int to) {
        int end = Math.min(to, from + EXCERPT);
        StringBuilder sb = new StringBuilder((end - from) * 3 + 4);
        for (int i = from; i < end; i++) {
            if (i > from) {
                sb.append(' ');
            }
            int v = buf.get(i) & 0xff;
            sb.append(DIGITS[v >> 4]).append(DIGITS[v & 0xf]);
        }
        if (end < to) {
            sb.append(" ...");
        }
        return sb.toString();
    }
}
