package io.walstream.codec;

import io.walstream.internal.Hex;
import java.nio.ByteBuffer;

/**
 * One backend message: its tag and a view of its payload (the bytes after the four-byte length).
 *
 * <pre>
 * Byte1 tag | Int32 length (counts itself, not the tag) | Byte[length - 4] payload
 * </pre>
 *
 * <p>The payload is a view of the decoder's read buffer, not a copy. It stays valid and unchanged after
 * later reads: the decoder never writes over memory a handed-out frame points at.
 *
 * <p><b>Thread safety:</b> immutable; the payload views it hands out are independent buffers and may be
 * used from any thread.
 */
public final class Frame {

    private final byte tag;
    private final byte[] array;
    private final int offset;
    private final int length;
    private final long streamOffset;
    /** A read-only view of the whole of {@link #array}, or {@code null} to make one on demand. */
    private final ByteBuffer view;

    /**
     * @param tag the tag byte
     * @param array the backing bytes; not copied, must not be modified afterwards
     * @param offset where the payload starts in {@code array}
     * @param length the payload length
     * @param streamOffset the stream offset of the frame's tag byte
     */
    public Frame(byte tag, byte[] array, int offset, int length, long streamOffset) {
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("payload [" + offset + ", " + (offset + length)
                    + ") outside array of " + array.length);
        }
        this.tag = tag;
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.streamOffset = streamOffset;
        this.view = null;
    }

    /** A frame over the decoder's buffer, sharing its read-only view so a payload view is a single slice. */
    Frame(byte tag, byte[] array, int offset, int length, long streamOffset, ByteBuffer view) {
        this.tag = tag;
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.streamOffset = streamOffset;
        this.view = view;
    }

    /**
     * @param tag the tag
     * @param payload the payload bytes, copied
     * @return a frame that owns a copy of {@code payload}, at stream offset -1
     */
    public static Frame of(char tag, byte[] payload) {
        return new Frame((byte) tag, payload.clone(), 0, payload.length, -1);
    }

    /** @return the tag as a character, e.g. {@code 'd'} */
    public char tag() {
        return (char) (tag & 0xff);
    }

    /** @return the payload length in bytes (the frame's length field minus four) */
    public int payloadLength() {
        return length;
    }

    /** @return the stream offset of this frame's tag byte, or -1 if not read from a stream */
    public long streamOffset() {
        return streamOffset;
    }

    /** @return a new read-only big-endian view of the payload, position 0, limit {@link #payloadLength()} */
    public ByteBuffer payload() {
        return payloadView(0);
    }

    /**
     * @param from an offset into the payload, 0 to {@link #payloadLength()}
     * @return a new read-only big-endian view of the payload from {@code from} on, position 0: one buffer
     *         object, no copy
     */
    public ByteBuffer payloadView(int from) {
        java.util.Objects.checkFromToIndex(from, length, length);
        ByteBuffer v = view != null ? view : ByteBuffer.wrap(array).asReadOnlyBuffer();
        return v.slice(offset + from, length - from);
    }

    /**
     * @param index an index into the payload with 8 bytes from it
     * @return the big-endian signed 64-bit integer there
     */
    public long payloadLong(int index) {
        java.util.Objects.checkFromIndexSize(index, 8, length);
        int p = offset + index;
        return ((long) (array[p] & 0xff) << 56) | ((long) (array[p + 1] & 0xff) << 48)
                | ((long) (array[p + 2] & 0xff) << 40) | ((long) (array[p + 3] & 0xff) << 32)
                | ((long) (array[p + 4] & 0xff) << 24) | ((array[p + 5] & 0xff) << 16)
                | ((array[p + 6] & 0xff) << 8) | (array[p + 7] & 0xff);
    }

    /**
     * @param index an index into the payload
     * @return the payload byte at {@code index}
     */
    public byte payloadByte(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " outside payload of " + length);
        }
        return array[offset + index];
    }

    /** @return a copy of the payload */
    public byte[] copyPayload() {
        byte[] copy = new byte[length];
        System.arraycopy(array, offset, copy, 0, length);
        return copy;
    }

    /**
     * @return up to the first 32 payload bytes as spaced lower-case hex, with {@code ...} if cut short: the
     *         excerpt protocol errors carry
     */
    public String hexExcerpt() {
        return Hex.excerpt(array, offset, offset + length, 32);
    }

    /** @return the canonical one-line description used by golden files: {@code Frame d len=22} */
    public String describe() {
        return "Frame " + tag() + " len=" + (length + 4);
    }

    @Override
    public String toString() {
        return "Frame{tag=" + tag() + ", payloadLength=" + length + ", offset=" + streamOffset + "}";
    }
}
