package io.walstream.snapshot;

import io.walstream.ProtocolException;
import io.walstream.pgoutput.TupleData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Decodes {@code COPY ... TO STDOUT} in the default text format into {@code 't'}/{@code 'n'} tuples: each
 * value is un-escaped back to the type's output-function text, exactly what pgoutput sends without
 * {@code binary}.
 *
 * <pre>
 * row    : field ( '\t' field )* '\n'
 * field  : '\N' (NULL) | text with \b \f \n \r \t \v \\ \ooo (octal) \xhh (hex) escapes; \c is c otherwise
 * </pre>
 *
 * <p>The session's {@code client_encoding} must be UTF8 (walstream's connections ask for it), so the text
 * bytes are the server's output unchanged.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per COPY.
 */
final class TextCopyDecoder implements CopyRowDecoder {
    private final CopyCarry carry = new CopyCarry();
    private byte[] out = new byte[256];
    private long offset;

    @Override
    public void decode(ByteBuffer payload, Consumer<TupleData> rows) {
        long payloadOffset = offset - carry.size();
        offset += payload.remaining();
        ByteBuffer buf = carry.join(payload);
        int base = buf.position();
        int pos = base;
        int limit = buf.limit();
        while (pos < limit) {
            int eol = -1;
            for (int i = pos; i < limit; i++) {
                if (buf.get(i) == '\n') {
                    eol = i;
                    break;
                }
            }
            if (eol < 0) {
                carry.keep(buf, pos);
                return;
            }
            rows.accept(row(buf, pos, eol, payloadOffset + pos - base));
            pos = eol + 1;
        }
    }

    private TupleData row(ByteBuffer buf, int start, int end, long at) {
        int o = 2;
        int n = 0;
        int field = start;
        while (true) {
            int stop = field;
            while (stop < end && buf.get(stop) != '\t') {
                stop++;
            }
            ensure(o + 5 + (stop - field));
            if (n == 0xffff) {
                throw new ProtocolException("Text COPY row at byte " + at + " has more than 65535 fields", 'd', at,
                        "", null);
            }
            n++;
            if (stop - field == 2 && buf.get(field) == '\\' && buf.get(field + 1) == 'N') {
                out[o++] = 'n';
            } else {
                int lenAt = o + 1;
                out[o] = 't';
                o += 5;
                int valueStart = o;
                o = unescape(buf, field, stop, o, at);
                int len = o - valueStart;
                out[lenAt] = (byte) (len >>> 24);
                out[lenAt + 1] = (byte) (len >>> 16);
                out[lenAt + 2] = (byte) (len >>> 8);
                out[lenAt + 3] = (byte) len;
            }
            if (stop >= end) {
                break;
            }
            field = stop + 1;
        }
        out[0] = (byte) (n >>> 8);
        out[1] = (byte) n;
        return TupleData.wrap(Arrays.copyOf(out, o));
    }

    /** Writes the un-escaped bytes of {@code [from, to)} at {@code o} (room was ensured); returns the new end. */
    private int unescape(ByteBuffer buf, int from, int to, int o, long at) {
        int i = from;
        while (i < to) {
            byte b = buf.get(i++);
            if (b != '\\') {
                out[o++] = b;
                continue;
            }
            if (i >= to) {
                throw new ProtocolException("Text COPY row at byte " + at + " ends a field with a lone backslash",
                        'd', at, "", null);
            }
            byte c = buf.get(i++);
            switch (c) {
                case 'b':
                    out[o++] = '\b';
                    break;
                case 'f':
                    out[o++] = '\f';
                    break;
                case 'n':
                    out[o++] = '\n';
                    break;
                case 'r':
                    out[o++] = '\r';
                    break;
                case 't':
                    out[o++] = '\t';
                    break;
                case 'v':
                    out[o++] = 0x0b;
                    break;
                case 'x': {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i < to && Character.digit(buf.get(i), 16) >= 0) {
                        v = v * 16 + Character.digit(buf.get(i++), 16);
                        digits++;
                    }
                    if (digits == 0) {
                        out[o++] = 'x';
                    } else {
                        out[o++] = (byte) v;
                    }
                    break;
                }
                default:
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        int digits = 1;
                        while (digits < 3 && i < to && buf.get(i) >= '0' && buf.get(i) <= '7') {
                            v = v * 8 + (buf.get(i++) - '0');
                            digits++;
                        }
                        out[o++] = (byte) v;
                    } else {
                        out[o++] = c;
                    }
                    break;
            }
        }
        return o;
    }

    private void ensure(int size) {
        if (size > out.length) {
            out = Arrays.copyOf(out, Math.max(size, out.length * 2));
        }
    }

    @Override
    public void finish() {
        if (carry.size() > 0) {
            throw new ProtocolException("Text COPY ended inside a row (" + carry.size() + " bytes without a newline)",
                    'd', offset, "", null);
        }
    }
}
