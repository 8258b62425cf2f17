package io.walstream.codec;

import io.walstream.ConnectionClosedException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds backend messages as bytes for tests, and collects what a decoder returns. */
public final class Wire {

    private Wire() {
    }

    /** One decoded frame as comparable data. */
    public record Decoded(char tag, String payloadHex, long streamOffset) {
        public static Decoded of(Frame f) {
            return new Decoded(f.tag(), HexFormat.of().formatHex(f.copyPayload()), f.streamOffset());
        }
    }

    /** @return {@code tag | Int32 (4 + payload.length) | payload} */
    public static byte[] frame(char tag, byte[] payload) {
        return concat(header(tag, 4 + payload.length), payload);
    }

    /** @return a frame whose payload is the ASCII text */
    public static byte[] frame(char tag, String ascii) {
        return frame(tag, ascii(ascii));
    }

    /** @return a frame with a raw tag byte */
    public static byte[] rawFrame(int tag, byte[] payload) {
        byte[] f = frame('?', payload);
        f[0] = (byte) tag;
        return f;
    }

    /** @return the five header bytes: tag and an arbitrary declared length */
    public static byte[] header(char tag, int declaredLength) {
        return ByteBuffer.allocate(5).put((byte) tag).putInt(declaredLength).array();
    }

    /** @return the bytes of an ErrorResponse/NoticeResponse body: each entry is code char + value, then a 0 */
    public static byte[] fields(String... codeAndValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : codeAndValue) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        out.write(0);
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** @param hex hex digits, spaces ignored */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** @return the remaining bytes of {@code b}, without moving its position */
    public static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Reads frames until the decoder reports a clean end of stream. */
    public static List<Decoded> decodeAll(FrameDecoder decoder) {
        List<Decoded> out = new ArrayList<>();
        while (true) {
            Frame f;
            try {
                f = decoder.next(Long.MAX_VALUE);
            } catch (ConnectionClosedException e) {
                return out;
            }
            out.add(Decoded.of(f));
        }
    }
}
