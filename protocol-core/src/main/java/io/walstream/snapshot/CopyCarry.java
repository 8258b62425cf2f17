package io.walstream.snapshot;

import java.nio.ByteBuffer;

/**
 * The bytes of a row cut across CopyData messages, joined with the next payload before decoding resumes.
 *
 * <p><b>Thread safety:</b> not thread-safe; owned by one decoder.
 */
final class CopyCarry {
    private byte[] tail;

    /** @return {@code payload}, or a new buffer holding the carried bytes followed by it */
    ByteBuffer join(ByteBuffer payload) {
        if (tail == null) {
            return payload;
        }
        ByteBuffer joined = ByteBuffer.allocate(tail.length + payload.remaining());
        joined.put(tail).put(payload.duplicate()).flip();
        tail = null;
        return joined;
    }

    /** Keeps {@code buf}'s bytes from {@code from} to its limit for the next payload. */
    void keep(ByteBuffer buf, int from) {
        int n = buf.limit() - from;
        if (n > 0) {
            tail = new byte[n];
            buf.get(from, tail, 0, n);
        }
    }

    /** @return how many bytes are carried */
    int size() {
        return tail == null ? 0 : tail.length;
    }
}
