package io.walstream.pgoutput;

import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over one pgoutput payload held in a byte array (the caller's, or a copy when the
 * payload is in a buffer without an accessible array); the caller's buffer position never moves. Every failure is a {@link MalformedFrameException} naming the message type, the offset within
 * the payload and the first 32 bytes of the payload. Not public.
 *
 * <p><b>Thread safety:</b> confined to one decode call (a decoder may {@link #reset} its own reader for the next).
 */
final class PayloadReader {
    private static final int EXCERPT = 32;
    /** Big-endian int view of a byte array: {@link #readInt} compiles to one checked load and a byte swap. */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private byte[] a;
    private int base;
    private int limit;
    /** Whether {@link #a} is this reader's own copy, which results may then share instead of copying again. */
    private boolean owned;
    private int pos;
    private int tag = -1;
    /** Checks names read by {@link #cstring}; {@code null}: lenient, uncounted. */
    Utf8Policy names;

    PayloadReader(ByteBuffer buf) {
        if (buf.hasArray()) {
            this.a = buf.array();
            this.base = buf.arrayOffset() + buf.position();
            this.limit = buf.arrayOffset() + buf.limit();
            this.owned = false;
        } else {
            this.a = new byte[buf.remaining()];
            buf.get(buf.position(), a);
            this.base = 0;
            this.limit = a.length;
            this.owned = true;
        }
        this.pos = base;
    }

    /** Over {@code length} bytes of the caller's array from {@code offset}; already range-checked. */
    PayloadReader(byte[] array, int offset, int length) {
        this(array, offset, length, false);
    }

    /**
     * @param owned whether the array is the decoder's own copy that nothing else writes to, which results may
     *        then share
     */
    PayloadReader(byte[] array, int offset, int length, boolean owned) {
        this.a = array;
        this.base = offset;
        this.limit = offset + length;
        this.owned = owned;
        this.pos = offset;
    }

    /**
     * Points this reader at another payload, as {@link #PayloadReader(byte[], int, int)} would: lets a decoder
     * keep one reader instead of allocating one per message (whether the JIT removes that allocation depends on
     * how much of the decoding it inlines, which varied from run to run).
     *
     * @return this
     */
    PayloadReader reset(byte[] array, int offset, int length) {
        this.a = array;
        this.base = offset;
        this.limit = offset + length;
        this.owned = false;
        this.pos = offset;
        this.tag = -1;
        this.names = null;
        return this;
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

    /** @return the array read from; with {@link #arrayIndex()} for scanning loops that check bounds themselves */
    byte[] array() {
        return a;
    }

    /** @return the array index of the current position */
    int arrayIndex() {
        return pos;
    }

    /** @return the array index one past the payload's last byte */
    int arrayLimit() {
        return limit;
    }

    /** Moves to an array index that a scanning loop validated (within the payload). */
    void arrayIndex(int index) {
        pos = index;
    }

    void require(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw malformed(what + " needs " + n + " bytes but only " + (limit - pos) + " remain");
        }
    }

    int u8(String what) {
        require(1, what);
        return a[pos++] & 0xff;
    }

    int u16(String what) {
        require(2, what);
        int v = ((a[pos] & 0xff) << 8) | (a[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int i32(String what) {
        require(4, what);
        int v = readInt(a, pos);
        pos += 4;
        return v;
    }

    long i64(String what) {
        require(8, what);
        long v = (long) LONG_BE.get(a, pos);
        pos += 8;
        return v;
    }

    static int readInt(byte[] a, int p) {
        return (int) INT_BE.get(a, p); // one bounds check and one load, where four byte reads needed four checks
    }

    /** Reads a NUL-terminated UTF-8 string; the terminator must lie within the payload. */
    String cstring(String what) {
        int end = pos;
        while (end < limit && a[end] != 0) {
            end++;
        }
        if (end >= limit) {
            throw malformed(what + " is not NUL-terminated within the payload");
        }
        String s = new String(a, pos, end - pos, StandardCharsets.UTF_8);
        if (names != null) {
            s = names.checkName(s, a, pos, end - pos, this, what);
        }
        pos = end + 1;
        return s;
    }

    /** Copies {@code n} bytes after checking that they are there. */
    byte[] bytes(int n, String what) {
        require(n, what);
        byte[] out = java.util.Arrays.copyOfRange(a, pos, pos + n);
        pos += n;
        return out;
    }

    /** Copies the bytes between two absolute offsets within the payload (both already validated). */
    byte[] copy(int fromOffset, int toOffset) {
        return java.util.Arrays.copyOfRange(a, base + fromOffset, base + toOffset);
    }

    /**
     * @return whether the array is this reader's own copy of the payload, so a result may keep a range of it
     *         instead of copying (nothing else ever writes to it)
     */
    boolean owned() {
        return owned;
    }

    /** @return the array index of a payload offset */
    int indexOf(int offset) {
        return base + offset;
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

    /** @return the payload offset of an absolute array index */
    int offsetOf(int index) {
        return index - base;
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
        int end = Math.min(limit, base + EXCERPT);
        StringBuilder sb = new StringBuilder((end - base) * 3 + 4);
        for (int i = base; i < end; i++) {
            if (i > base) {
                sb.append(' ');
            }
            int v = a[i] & 0xff;
            sb.append(DIGITS[v >> 4]).append(DIGITS[v & 0xf]);
        }
        if (end < limit) {
            sb.append(" ...");
        }
        return sb.toString();
    }
}
