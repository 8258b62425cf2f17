package io.walstream.pgoutput;

import java.util.Arrays;

/**
 * A message whose type byte this decoder does not know, returned only when the decoder was built with
 * {@link PgOutputDecoder.Builder#skipUnknownTypes(boolean)}; otherwise unknown types are a protocol error.
 *
 * <pre>
 * Byte1 type | Byte* body (uninterpreted)
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable; the accessor returns a copy and equality compares content.
 *
 * @param type the type byte (0–255)
 * @param body the bytes after the type byte
 */
public record UnknownMessage(int type, byte[] body) implements PgOutputMessage {

    public UnknownMessage {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("type must be a byte value 0-255, got " + type);
        }
        body = body.clone();
    }

    /** @return a copy of the body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public char tag() {
        return (char) type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMessage m && type == m.type && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownMessage[" + describe() + "]";
    }

    @Override
    public String describe() {
        return "Unknown type=" + io.walstream.ProtocolException.describeTag(type) + " body="
                + Describe.hex(body, 0, body.length);
    }
}
