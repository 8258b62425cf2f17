package io.walstream.testkit.walsender;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds backend messages: {@code Byte1 tag | Int32 length | body}.
 *
 * <p><b>Thread safety:</b> not thread-safe; one message per instance.
 */
final class WireOut {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream(64);
    private final int tag;

    WireOut(char tag) {
        this.tag = tag;
    }

    WireOut u8(int v) {
        body.write(v);
        return this;
    }

    WireOut i16(int v) {
        body.write(v >>> 8);
        body.write(v);
        return this;
    }

    WireOut i32(int v) {
        body.write(v >>> 24);
        body.write(v >>> 16);
        body.write(v >>> 8);
        body.write(v);
        return this;
    }

    WireOut i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    WireOut str(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        body.write(0);
        return this;
    }

    WireOut bytes(byte[] b) {
        body.writeBytes(b);
        return this;
    }

    byte[] frame() {
        byte[] b = body.toByteArray();
        byte[] out = new byte[5 + b.length];
        out[0] = (byte) tag;
        int len = 4 + b.length;
        out[1] = (byte) (len >>> 24);
        out[2] = (byte) (len >>> 16);
        out[3] = (byte) (len >>> 8);
        out[4] = (byte) len;
        System.arraycopy(b, 0, out, 5, b.length);
        return out;
    }

    static byte[] auth(int code, byte[] extra) {
        return new WireOut('R').i32(code).bytes(extra).frame();
    }

    static byte[] parameterStatus(String name, String value) {
        return new WireOut('S').str(name).str(value).frame();
    }

    static byte[] readyForQuery() {
        return new WireOut('Z').u8('I').frame();
    }

    static byte[] commandComplete(String tag) {
        return new WireOut('C').str(tag).frame();
    }

    /** RowDescription with text columns of the given type OIDs. */
    static byte[] rowDescription(String[] names, int[] typeOids) {
        WireOut o = new WireOut('T').i16(names.length);
        for (int i = 0; i < names.length; i++) {
            o.str(names[i]).i32(0).i16(0).i32(typeOids[i]).i16(-1).i32(-1).i16(0);
        }
        return o.frame();
    }

    /** DataRow; a {@code null} value is SQL NULL. */
    static byte[] dataRow(String[] values) {
        WireOut o = new WireOut('D').i16(values.length);
        for (String v : values) {
            if (v == null) {
                o.i32(-1);
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                o.i32(b.length).bytes(b);
            }
        }
        return o.frame();
    }

    static byte[] copyBothResponse() {
        return new WireOut('W').u8(0).i16(0).frame();
    }

    /** CopyOutResponse: overall format and every column's format the same. */
    static byte[] copyOutResponse(boolean binary, int columns) {
        WireOut o = new WireOut('H').u8(binary ? 1 : 0).i16(columns);
        for (int i = 0; i < columns; i++) {
            o.i16(binary ? 1 : 0);
        }
        return o.frame();
    }

    static byte[] copyData(byte[] payload) {
        return new WireOut('d').bytes(payload).frame();
    }

    static byte[] copyDone() {
        return new WireOut('c').frame();
    }

    /** CopyData with a primary keepalive ('k'). */
    static byte[] keepalive(long walEnd, long clockMicros, boolean replyRequested) {
        return new WireOut('d').u8('k').i64(walEnd).i64(clockMicros).u8(replyRequested ? 1 : 0).frame();
    }
}
