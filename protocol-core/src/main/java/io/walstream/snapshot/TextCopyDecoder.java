package io.walstream.snapshot;

import io.walstream.ProtocolException;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.TupleWriter;
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
    /** The bytes being decoded: the carried tail of the last payload, then this payload (copied once, in bulk). */
    private byte[] in = new byte[1024];
    private int carried;
    /** Lays out each row (count, kinds, lengths), so rows need no re-validation. */
    private final TupleWriter writer = new TupleWriter();
    /** The byte the last {@link #unescape} decoded. */
    private byte escaped;
    private long offset;

    @Override
    public void decode(ByteBuffer payload, Consumer<TupleData> rows) {
        int n = payload.remaining();
        long payloadOffset = offset - carried;
        offset += n;
        if (carried + n > in.length) {
            in = Arrays.copyOf(in, Math.max(carried + n, in.length * 2));
        }
        payload.get(payload.position(), in, carried, n);
        byte[] a = in;
        int limit = carried + n;
        int pos = 0;
        while (pos < limit) {
            int next = row(a, pos, limit, payloadOffset + pos, rows);
            if (next < 0) {
                break;
            }
            pos = next;
        }
        carried = limit - pos;
        if (carried > 0 && pos > 0) {
            System.arraycopy(a, pos, a, 0, carried);
        }
    }

    /**
     * Decodes the row starting at {@code start} through {@link #writer} and hands it over.
     *
     * @return the position after its newline, or -1 if no newline comes before {@code limit} (incomplete)
     */
    private int row(byte[] a, int start, int limit, long at, Consumer<TupleData> rows) {
        TupleWriter w = writer;
        w.begin(0);
        int i = start;
        while (true) { // one field per turn; i is at its first byte
            if (w.columns() == 0xffff) {
                throw new ProtocolException("Text COPY row at byte " + at + " has more than 65535 fields", 'd', at,
                        "", null);
            }
            if (i + 1 < limit && a[i] == '\\' && a[i + 1] == 'N' && (i + 2 == limit || a[i + 2] == '\t'
                    || a[i + 2] == '\n')) {
                w.nul();
                i += 2;
            } else {
                w.beginValue('t');
                while (true) { // runs of plain bytes are copied in bulk, escapes one by one
                    int run = i;
                    while (i < limit) {
                        byte b = a[i];
                        if (b == '\t' || b == '\n' || b == '\\') {
                            break;
                        }
                        i++;
                    }
                    w.append(a, run, i - run);
                    if (i >= limit || a[i] != '\\') {
                        break;
                    }
                    i = unescape(a, i + 1, limit, at);
                    if (i < 0) {
                        return -1; // the escape is cut by the end of the payload
                    }
                    w.append(escaped);
                }
                w.endValue();
            }
            if (i >= limit) {
                return -1;
            }
            if (a[i] == '\n') {
                rows.accept(w.build()); // laid out by the writer: no re-validation
                return i + 1;
            }
            i++; // the tab
        }
    }

    /**
     * Decodes the escape whose letter is at {@code i} (after the backslash) into {@link #escaped}.
     *
     * @return the position after the escape, or -1 if the payload ends before the field does
     */
    private int unescape(byte[] a, int i, int limit, long at) {
        if (i >= limit) {
            return -1;
        }
        byte c = a[i++];
        switch (c) {
            case '\t':
            case '\n':
                throw new ProtocolException("Text COPY row at byte " + at + " ends a field with a lone backslash",
                        'd', at, "", null);
            case 'b':
                escaped = '\b';
                return i;
            case 'f':
                escaped = '\f';
                return i;
            case 'n':
                escaped = '\n';
                return i;
            case 'r':
                escaped = '\r';
                return i;
            case 't':
                escaped = '\t';
                return i;
            case 'v':
                escaped = 0x0b;
                return i;
            case 'x': {
                int v = 0;
                int digits = 0;
                while (digits < 2 && i < limit && Character.digit(a[i], 16) >= 0) {
                    v = v * 16 + Character.digit(a[i++], 16);
                    digits++;
                }
                if (i >= limit) {
                    return -1; // more digits may follow in the next payload
                }
                escaped = digits == 0 ? (byte) 'x' : (byte) v;
                return i;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    int digits = 1;
                    while (digits < 3 && i < limit && a[i] >= '0' && a[i] <= '7') {
                        v = v * 8 + (a[i++] - '0');
                        digits++;
                    }
                    if (i >= limit) {
                        return -1;
                    }
                    escaped = (byte) v;
                } else {
                    escaped = c;
                }
                return i;
        }
    }

    @Override
    public void finish() {
        if (carried > 0) {
            throw new ProtocolException("Text COPY ended inside a row (" + carried + " bytes without a newline)",
                    'd', offset, "", null);
        }
    }
}
