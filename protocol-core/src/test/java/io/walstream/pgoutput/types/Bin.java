package io.walstream.pgoutput.types;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Builds big-endian byte vectors for tests, including an independent numeric_send encoder. */
final class Bin {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s+", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    Bin i8(int v) {
        out.write(v);
        return this;
    }

    Bin i16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    Bin i32(int v) {
        i16(v >>> 16);
        return i16(v);
    }

    Bin i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    Bin bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    Bin utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] done() {
        return out.toByteArray();
    }

    /** Encodes a finite decimal the way numeric_send does: base-10000 digits, no leading/trailing zero digits. */
    static byte[] numeric(BigDecimal v) {
        int dscale = Math.max(v.scale(), 0);
        String plain = v.abs().setScale(dscale).toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot + 1);
        StringBuilder ip = new StringBuilder(intPart);
        while (ip.length() % 4 != 0) {
            ip.insert(0, '0');
        }
        StringBuilder fp = new StringBuilder(frac);
        while (fp.length() % 4 != 0) {
            fp.append('0');
        }
        String all = ip.toString() + fp;
        int n = all.length() / 4;
        int[] digits = new int[n];
        for (int i = 0; i < n; i++) {
            digits[i] = Integer.parseInt(all.substring(4 * i, 4 * i + 4));
        }
        int weight = ip.length() / 4 - 1;
        int start = 0;
        while (start < n && digits[start] == 0) {
            start++;
            weight--;
        }
        int end = n;
        while (end > start && digits[end - 1] == 0) {
            end--;
        }
        Bin b = new Bin();
        if (start == end) {
            return b.i16(0).i16(0).i16(0).i16(dscale).done();
        }
        b.i16(end - start).i16(weight).i16(v.signum() < 0 ? 0x4000 : 0).i16(dscale);
        for (int i = start; i < end; i++) {
            b.i16(digits[i]);
        }
        return b.done();
    }
}
