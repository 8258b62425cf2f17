package io.walstream.pgoutput;

import java.util.Arrays;

/**
 * Writes {@link TupleData} rows value by value for decoders of other formats (the snapshot's COPY decoders), without
 * the re-validation of {@link TupleData#wrap}: the writer lays out the count, the kind bytes and the length fields
 * itself, so every tuple it builds is valid by construction, and the caller only supplies value bytes.
 *
 * <pre>
 * w.begin(0);                      // or the row's exact size in bytes, when known: no copy at build()
 * w.nul();
 * w.beginValue('t'); w.append(bytes, off, len); w.append((byte) '\t'); w.endValue();
 * TupleData row = w.build();
 * </pre>
 *
 * <p>One writer is reused for every row of a decoder: its buffer grows to the largest row and is copied out (once,
 * at {@link #build()}) unless the row's exact size was given to {@link #begin(int)}.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per decoder.
 */
public final class TupleWriter {
    private static final int MAX_COLUMNS = 0xffff;

    /** The reused buffer of rows of unknown size; grows to the largest. */
    private byte[] scratch = new byte[256];
    /** The row being written: {@link #scratch}, or the exact-size array {@link #build()} hands over. */
    private byte[] buf = scratch;
    private int size;
    private int[] positions = new int[16];
    private int n;
    /** Where the open value's length field is, or -1 when no value is open. */
    private int lengthAt = -1;
    /** Whether {@link #buf} was allocated with the row's exact size and is handed over by {@link #build()}. */
    private boolean exact;
    private boolean started;

    /**
     * Starts a row, discarding anything written since the last {@link #build()}.
     *
     * @param exactSize the row's size as a TupleData (2 + 1 per NULL + 5 + length per value) when the caller knows
     *        it: the row is then written into an array of that size that {@link #build()} hands over without a copy;
     *        0 when unknown
     * @throws IllegalArgumentException if {@code exactSize} is negative or between 1 and 1 (no room for the count)
     */
    public void begin(int exactSize) {
        if (exactSize < 0 || exactSize == 1) {
            throw new IllegalArgumentException("exactSize must be 0 (unknown) or at least 2, got " + exactSize);
        }
        exact = exactSize > 0;
        buf = exact ? new byte[exactSize] : scratch;
        size = 2;
        n = 0;
        lengthAt = -1;
        started = true;
    }

    /** Appends a NULL ({@code 'n'}) column. */
    public void nul() {
        column('n');
    }

    /** Appends an unchanged-TOAST ({@code 'u'}) column. */
    public void unchangedToast() {
        column('u');
    }

    /**
     * Opens a value column; its bytes follow with {@link #append}, then {@link #endValue()}.
     *
     * @param kind {@code 't'} (text) or {@code 'b'} (binary)
     * @throws IllegalArgumentException for another kind
     */
    public void beginValue(char kind) {
        if (kind != 't' && kind != 'b') {
            throw new IllegalArgumentException("A value column is 't' or 'b', not '" + kind + "'");
        }
        column(kind);
        ensure(4);
        lengthAt = size;
        size += 4;
    }

    /**
     * Appends one byte to the open value.
     *
     * @param b the byte
     */
    public void append(byte b) {
        if (lengthAt < 0) {
            throw new IllegalStateException("No value is open (beginValue first)");
        }
        ensure(1);
        buf[size++] = b;
    }

    /**
     * Appends bytes to the open value.
     *
     * @param src the bytes
     * @param off where they start
     * @param len how many
     */
    public void append(byte[] src, int off, int len) {
        if (lengthAt < 0) {
            throw new IllegalStateException("No value is open (beginValue first)");
        }
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Closes the open value, writing its length. */
    public void endValue() {
        if (lengthAt < 0) {
            throw new IllegalStateException("No value is open (beginValue first)");
        }
        int len = size - lengthAt - 4;
        buf[lengthAt] = (byte) (len >>> 24);
        buf[lengthAt + 1] = (byte) (len >>> 16);
        buf[lengthAt + 2] = (byte) (len >>> 8);
        buf[lengthAt + 3] = (byte) len;
        lengthAt = -1;
    }

    /** @return the columns written to this row so far */
    public int columns() {
        return n;
    }

    /**
     * @return the row written since {@link #begin(int)}
     * @throws IllegalStateException if no row was begun, a value is still open, or an exact size was given and the
     *         row does not fill it
     */
    public TupleData build() {
        if (!started || lengthAt >= 0) {
            throw new IllegalStateException(started ? "A value is still open (endValue first)"
                    : "No row was begun (begin first)");
        }
        if (exact && size != buf.length) {
            throw new IllegalStateException("The row has " + size + " bytes, not the exact size " + buf.length
                    + " given to begin");
        }
        buf[0] = (byte) (n >>> 8);
        buf[1] = (byte) n;
        byte[] raw;
        if (exact) {
            raw = buf;
            buf = scratch;
            exact = false;
        } else {
            raw = Arrays.copyOf(buf, size);
        }
        started = false;
        return TupleData.ofValidated(raw, Arrays.copyOf(positions, n));
    }

    private void column(char kind) {
        if (!started) {
            throw new IllegalStateException("No row was begun (begin first)");
        }
        if (lengthAt >= 0) {
            throw new IllegalStateException("A value is still open (endValue first)");
        }
        if (n == MAX_COLUMNS) {
            throw new IllegalStateException("A tuple has at most 65535 columns");
        }
        if (n == positions.length) {
            positions = Arrays.copyOf(positions, n * 2);
        }
        ensure(1);
        positions[n++] = size;
        buf[size++] = (byte) kind;
    }

    private void ensure(int more) {
        if (more > buf.length - size) {
            if (exact) {
                throw new IllegalStateException("The row outgrows the exact size " + buf.length + " given to begin");
            }
            buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
            scratch = buf;
        }
    }
}
