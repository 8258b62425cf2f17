package io.walstream.pgoutput.types;

import java.io.ByteArrayOutputStream;

/** Decodes bytea text output: hex ({@code \x0a0b}) and the older escape format ({@code a\000\\b}). Stateless. */
final class Bytea {

    private Bytea() {
    }

    static byte[] decodeText(byte[] in) {
        if (in.length >= 2 && in[0] == '\\' && in[1] == 'x') {
            return decodeHex(in);
        }
        return decodeEscape(in);
    }

    private static byte[] decodeHex(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2);
        int i = 2;
        while (i < in.length) {
            byte c = in[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (i + 1 >= in.length) {
                throw new IllegalArgumentException("odd number of hex digits in bytea");
            }
            out.write(hex(in[i]) << 4 | hex(in[i + 1]));
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hex(byte c) {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new IllegalArgumentException("invalid hex digit '" + (char) (c & 0xff) + "' in bytea");
        }
        return d;
    }

    private static byte[] decodeEscape(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            byte c = in[i];
            if (c != '\\') {
                out.write(c);
                i++;
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < in.length && octal(in[i + 1]) <= 3 && octal(in[i + 2]) >= 0
                    && octal(in[i + 3]) >= 0) {
                out.write(octal(in[i + 1]) << 6 | octal(in[i + 2]) << 3 | octal(in[i + 3]));
                i += 4;
            } else {
                throw new IllegalArgumentException("invalid escape at byte " + i + " in bytea");
            }
        }
        return out.toByteArray();
    }

    private static int octal(byte c) {
        return c >= '0' && c <= '7' ? c - '0' : -1;
    }
}
