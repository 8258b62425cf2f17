package io.walstream.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built payloads, field by field from the spec layouts (deliberately not the testkit writer). */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes tag(char tag) {
        return new Bytes().u8(tag);
    }

    Bytes u8(int v) {
        out.write(v);
        return this;
    }

    Bytes i16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Bytes i32(int v) {
        return u8(v >>> 24).u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    Bytes i64(long v) {
        return i32((int) (v >>> 32)).i32((int) v);
    }

    /** NUL-terminated UTF-8. */
    Bytes str(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    Bytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    /** A 't' column. */
    Bytes text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u8('t').i32(b.length).raw(b);
    }

    /** A 'b' column. */
    Bytes bin(byte... b) {
        return u8('b').i32(b.length).raw(b);
    }

    byte[] array() {
        return out.toByteArray();
    }
}
