package io.walstream.codec;

import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one backend message payload, turning every short or unterminated field into a
 * {@link MalformedFrameException} that names the frame's tag and offset.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per message.
 */
public final class WireReader {

    private final Frame frame;
    private final ByteBuffer buf;

    /**
     * @param frame the message to read
     */
    public WireReader(Frame frame) {
        this.frame = frame;
        this.buf = frame.payload();
    }

    /** @return bytes left */
    public int remaining() {
        return buf.remaining();
    }

    /** @return the next byte, unsigned */
    public int byte1() {
        need(1, "Byte1");
        return buf.get() & 0xff;
    }

    /** @return the next Int16 */
    public short int16() {
        need(2, "Int16");
        return buf.getShort();
    }

    /** @return the next Int32 */
    public int int32() {
        need(4, "Int32");
        return buf.getInt();
    }

    /** @return the next Int64 */
    public long int64() {
        need(8, "Int64");
        return buf.getLong();
    }

    /**
     * @param n a byte count
     * @return the next {@code n} bytes, copied
     */
    public byte[] bytes(int n) {
        if (n < 0) {
            throw malformed("a negative byte count " + n);
        }
        need(n, n + " bytes");
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /** @return every remaining byte, copied */
    public byte[] rest() {
        return bytes(buf.remaining());
    }

    /** @return the next NUL-terminated string, decoded as UTF-8 */
    public String cstring() {
        int start = buf.position();
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        if (end >= buf.limit()) {
            throw malformed("a string without its NUL terminator at payload byte " + start);
        }
        byte[] raw = new byte[end - start];
        buf.get(raw);
        buf.get();
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * @param what a description of the problem
     * @return an exception naming the frame
     */
    public MalformedFrameException malformed(String what) {
        return new MalformedFrameException("Message " + ProtocolException.describeTag(frame.tag()) + " at offset "
                + frame.streamOffset() + " is malformed: " + what, frame.tag(), frame.streamOffset(), frame.hexExcerpt());
    }

    private void need(int n, String what) {
        if (buf.remaining() < n) {
            throw malformed("needs " + what + " at payload byte " + buf.position() + " but only " + buf.remaining()
                    + " remain");
        }
    }
}
