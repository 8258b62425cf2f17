package io.walstream.snapshot;

import io.walstream.ProtocolException;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.TupleWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Decodes {@code COPY ... TO STDOUT (FORMAT binary)} into {@code 'b'}/{@code 'n'} tuples: each value is the
 * type's send-function output, exactly what pgoutput sends with {@code binary true}.
 *
 * <pre>
 * header  : Byte11 "PGCOPY\n\377\r\n\0" | Int32 flags (bit 16 = OIDs; 0..15 critical, must be 0; 17..31 ignored)
 *           | Int32 extension length | Byte[extension length]
 * tuple   : Int16 N | N x { Int32 length (-1 = NULL) | Byte[length] }
 * trailer : Int16 -1
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread-safe; one per COPY.
 */
final class BinaryCopyDecoder implements CopyRowDecoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int HEADER = SIGNATURE.length + 8;
    private static final int OIDS_FLAG = 1 << 16;

    /** The bytes being decoded: the carried tail of the last payload, then this payload (copied once, in bulk). */
    private byte[] in = new byte[1024];
    private int carried;
    private final boolean[] textColumns;
    private boolean headerDone;
    private boolean trailerSeen;
    private boolean withOids;
    private long offset;
    /** Lays out each row (count, kinds, lengths), so rows need no re-validation. */
    private final TupleWriter writer = new TupleWriter();

    BinaryCopyDecoder() {
        this(new boolean[0]);
    }

    /**
     * @param textColumns columns whose value is the text form (read as {@code col::text}, whose binary send
     *        output is the text itself) and become {@code 't'} columns
     */
    BinaryCopyDecoder(boolean[] textColumns) {
        this.textColumns = textColumns.clone();
    }

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
        if (!headerDone) {
            int end = header(a, pos, limit, payloadOffset);
            if (end >= 0) {
                pos = end;
                headerDone = true;
            }
        }
        while (headerDone && pos < limit) {
            if (trailerSeen) {
                throw malformed("data after the trailer", payloadOffset + pos);
            }
            int end = tuple(a, pos, limit, rows, payloadOffset + pos);
            if (end < 0) {
                break;
            }
            pos = end;
        }
        carried = limit - pos;
        if (carried > 0 && pos > 0) {
            System.arraycopy(a, pos, a, 0, carried);
        }
    }

    /** @return the position after the header, or -1 if it is incomplete */
    private int header(byte[] a, int pos, int limit, long at) {
        if (limit - pos < HEADER) {
            return -1;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (a[pos + i] != SIGNATURE[i]) {
                throw malformed("no PGCOPY signature at the start of a binary COPY", at);
            }
        }
        int flags = int32(a, pos + SIGNATURE.length);
        if ((flags & 0xffff) != 0) {
            throw malformed("unknown critical header flags 0x" + Integer.toHexString(flags), at);
        }
        withOids = (flags & OIDS_FLAG) != 0;
        int extension = int32(a, pos + SIGNATURE.length + 4);
        if (extension < 0) {
            throw malformed("negative header extension length " + extension, at);
        }
        if (limit - pos - HEADER < extension) {
            return -1;
        }
        return pos + HEADER + extension;
    }

    /** @return the position after the tuple (or trailer), or -1 if it is incomplete */
    private int tuple(byte[] a, int start, int limit, Consumer<TupleData> rows, long at) {
        if (limit - start < 2) {
            return -1;
        }
        int n = (short) ((a[start] << 8) | (a[start + 1] & 0xff));
        if (n == -1) {
            trailerSeen = true;
            return start + 2;
        }
        if (n < 0) {
            throw malformed("negative field count " + n, at);
        }
        int pos = start + 2;
        int size = 2;
        if (withOids) { // PostgreSQL 11 and older only: an Int32 length and the row OID before the fields
            if (limit - pos < 8) {
                return -1;
            }
            pos += 8;
        }
        int first = pos;
        for (int i = 0; i < n; i++) {
            if (limit - pos < 4) {
                return -1;
            }
            int len = int32(a, pos);
            pos += 4;
            if (len == -1) {
                size += 1;
                continue;
            }
            if (len < 0) {
                throw malformed("field " + i + " has length " + len, at);
            }
            if (limit - pos < len) {
                return -1;
            }
            pos += len;
            size += 5 + len;
        }
        TupleWriter w = writer;
        w.begin(size); // the exact size: the writer's array becomes the row's, no copy
        int src = first;
        for (int i = 0; i < n; i++) {
            int len = int32(a, src);
            src += 4;
            if (len == -1) {
                w.nul();
                continue;
            }
            w.beginValue(i < textColumns.length && textColumns[i] ? 't' : 'b');
            w.append(a, src, len);
            w.endValue();
            src += len;
        }
        rows.accept(w.build()); // laid out by the writer: no re-validation
        return pos;
    }

    private static int int32(byte[] a, int at) {
        return (a[at] << 24) | ((a[at + 1] & 0xff) << 16) | ((a[at + 2] & 0xff) << 8) | (a[at + 3] & 0xff);
    }

    @Override
    public void finish() {
        if (carried > 0) {
            throw malformed("the COPY ended inside a row (" + carried + " bytes left over)", offset);
        }
        if (!trailerSeen) {
            throw malformed("the binary COPY ended without its trailer", offset);
        }
    }

    private static ProtocolException malformed(String what, long at) {
        return new ProtocolException("Malformed binary COPY data at byte " + at + ": " + what, 'd', at, "", null);
    }
}
