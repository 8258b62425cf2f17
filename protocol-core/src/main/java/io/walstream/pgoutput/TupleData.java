package io.walstream.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The column values of one row as they arrived: the raw wire bytes plus one offset per column, so decoding
 * copies the tuple once and never copies a column. Values are decoded only when asked for.
 *
 * <pre>
 * Int16 N | N x one of:
 *   'n'                       NULL (or a placeholder in a key-only old tuple)
 *   'u'                       unchanged TOASTed value, no data
 *   't' Int32 len | Byte*len  text representation, no NUL
 *   'b' Int32 len | Byte*len  binary representation
 * </pre>
 *
 * <p>For names, types and typed access, bind it to its relation with {@link RelationCache#row}. Equality is
 * structural: two tuples are equal when their kinds and value bytes are.
 *
 * <p><b>Thread safety:</b> immutable; {@link #data(int)} returns a new read-only view each call.
 */
public final class TupleData {
    /** Holds the tuple's wire bytes in {@code [base, end)}; nothing ever writes to it. */
    private final byte[] raw;
    private final int base;
    private final int end;
    /** Position in {@link #raw} of each column's kind byte, relative to {@link #base}. */
    private final int[] positions;

    private TupleData(byte[] raw, int base, int end, int[] positions) {
        this.raw = raw;
        this.base = base;
        this.end = end;
        this.positions = positions;
    }

    /**
     * Wraps the decoder's own copy of a tuple's wire bytes, after {@link #scan} validated the layout and
     * returned the column positions.
     */
    static TupleData ofValidated(byte[] raw, int[] positions) {
        return new TupleData(raw, 0, raw.length, positions);
    }

    /**
     * Wraps the tuple in {@code [from, to)} of an array the decoder owns and that nothing writes to any more
     * (its own copy of a whole payload), after {@link #scan} validated the layout.
     */
    static TupleData ofValidated(byte[] raw, int from, int to, int[] positions) {
        return new TupleData(raw, from, to, positions);
    }

    /**
     * Validates the TupleData at the reader's position and returns its column positions relative to the
     * tuple's first byte; leaves the reader after the tuple. Never allocates more than the payload implies:
     * the column count is checked against the remaining bytes (one byte per column at least) first.
     *
     * <p>The loop reads the array directly with local indexes: each column is checked once against the
     * payload's end (its kind byte, then its length field, then its value), and nothing else is checked.
     */
    static int[] scan(PayloadReader in, String what) {
        int start = in.offset();
        if (in.remaining() < 2) {
            throw in.malformed(what + " column count is cut off", start);
        }
        int n = in.u16("tuple column count");
        if (n > in.remaining()) {
            throw in.malformed(what + " declares " + n + " columns but only " + in.remaining()
                    + " bytes remain (each column needs at least 1)", start);
        }
        int[] positions = new int[n];
        byte[] a = in.array();
        int p = in.arrayIndex();
        int limit = in.arrayLimit();
        int origin = p - (in.offset() - start); // array index of the tuple's first byte
        // Labels are built only on the failure paths: this loop runs for every column of every row.
        for (int i = 0; i < n; i++) {
            positions[i] = p - origin;
            if (p >= limit) {
                in.arrayIndex(p);
                throw in.malformed(what + " column " + i + " of " + n + " is missing", in.offset());
            }
            int kind = a[p];
            if (kind == 't' || kind == 'b') {
                if (limit - p < 5) {
                    in.arrayIndex(p);
                    throw in.malformed(what + " column " + i + " length is cut off", in.offset());
                }
                int len = PayloadReader.readInt(a, p + 1);
                if (len < 0) {
                    in.arrayIndex(p);
                    throw in.malformed(what + " column " + i + " declares negative length " + len, in.offset());
                }
                if (len > limit - p - 5) {
                    in.arrayIndex(p);
                    throw in.malformed(what + " column " + i + " value needs " + len + " bytes but only "
                            + (limit - p - 5) + " remain", in.offset());
                }
                p += 5 + len;
            } else if (kind == 'n' || kind == 'u') {
                p++;
            } else {
                in.arrayIndex(p);
                throw in.malformed(what + " column " + i + " has unknown kind "
                        + io.walstream.ProtocolException.describeTag(kind & 0xff), in.offset());
            }
        }
        in.arrayIndex(p);
        return positions;
    }

    /**
     * Wraps bytes laid out as a pgoutput TupleData (from the column count on, exactly one tuple), after
     * validating them as the decoder does. Used for rows that did not come from pgoutput, such as snapshot
     * reads, so they share the typed accessors of streamed rows.
     *
     * @param raw the tuple bytes; not copied, must not be modified afterwards
     * @return the tuple
     * @throws io.walstream.ProtocolException if the bytes are not exactly one valid tuple
     */
    public static TupleData wrap(byte[] raw) {
        PayloadReader in = new PayloadReader(ByteBuffer.wrap(raw));
        int[] positions = scan(in, "tuple");
        if (in.remaining() != 0) {
            throw in.malformed("tuple has " + in.remaining() + " bytes after its last column", in.offset());
        }
        return new TupleData(raw, 0, raw.length, positions);
    }

    /** @return a builder for tuples in tests and encoders */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of columns */
    public int size() {
        return positions.length;
    }

    /**
     * @param index a column index
     * @return how that column arrived
     */
    public ColumnKind kind(int index) {
        return ColumnKind.fromCode(raw[base + positions[Objects.checkIndex(index, positions.length)]]);
    }

    /** @return whether the column is {@code 'n'} (NULL, or a placeholder in a key-only tuple) */
    public boolean isNull(int index) {
        return kind(index) == ColumnKind.NULL;
    }

    /** @return whether the column is {@code 'u'}: an unchanged TOASTed value, not NULL */
    public boolean isUnchangedToast(int index) {
        return kind(index) == ColumnKind.UNCHANGED_TOAST;
    }

    /** @return the value's byte length, or -1 for {@code 'n'} and {@code 'u'} */
    public int length(int index) {
        int p = base + positions[Objects.checkIndex(index, positions.length)];
        int kind = raw[p];
        return kind == 't' || kind == 'b' ? PayloadReader.readInt(raw, p + 1) : -1;
    }

    /**
     * @param index a column index
     * @return a read-only view of exactly the value's bytes, position 0
     * @throws IllegalStateException for {@code 'n'} and {@code 'u'} columns
     */
    public ByteBuffer data(int index) {
        int len = length(index);
        if (len < 0) {
            throw new IllegalStateException("Column " + index + " is " + kind(index) + " and has no data");
        }
        return ByteBuffer.wrap(raw).asReadOnlyBuffer().slice(base + positions[index] + 5, len);
    }

    /** @return a copy of the value's bytes; see {@link #data(int)} */
    public byte[] bytes(int index) {
        int len = length(index);
        if (len < 0) {
            throw new IllegalStateException("Column " + index + " is " + kind(index) + " and has no data");
        }
        int from = base + positions[index] + 5;
        return Arrays.copyOfRange(raw, from, from + len);
    }

    /** @return the value's bytes decoded as UTF-8 (meaningful for {@code 't'} columns); see {@link #data(int)} */
    public String text(int index) {
        int p = base + positions[Objects.checkIndex(index, positions.length)]; // one position read, one kind read
        int kind = raw[p];
        if (kind != 't' && kind != 'b') {
            throw new IllegalStateException("Column " + index + " is " + kind(index) + " and has no data");
        }
        return new String(raw, p + 5, PayloadReader.readInt(raw, p + 1), StandardCharsets.UTF_8);
    }

    /** @return where column {@code index}'s bytes start in {@link #array()} (valid when it has data) */
    int offset(int index) {
        return base + positions[index] + 5;
    }

    /** @return a read-only view of the tuple exactly as on the wire, from the column count on */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(raw).asReadOnlyBuffer().slice(base, end - base);
    }

    /** @return the number of wire bytes of this tuple */
    public int encodedLength() {
        return end - base;
    }

    /** @return the array holding the column values; read only, with {@link #valueIndex} (same package) */
    byte[] array() {
        return raw;
    }

    /**
     * @return the array index in {@link #array()} of column {@code index}'s kind byte; a {@code 't'}/{@code 'b'}
     *         column's big-endian length follows it, then its value (one position read for all three)
     */
    int position(int index) {
        return base + positions[Objects.checkIndex(index, positions.length)];
    }

    /** @return the array index of a {@code 't'}/{@code 'b'} column's first value byte (after kind and length) */
    int valueIndex(int index) {
        return base + positions[Objects.checkIndex(index, positions.length)] + 5;
    }

    /** @return e.g. {@code (t'42',n,u,b'0a0b')}; text escapes {@code '}, {@code \} and control characters */
    public String describe() {
        StringBuilder sb = new StringBuilder().append('(');
        for (int i = 0; i < positions.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            ColumnKind k = kind(i);
            sb.append(k.code());
            if (k == ColumnKind.TEXT) {
                sb.append('\'');
                Describe.escape(sb, text(i), '\'');
                sb.append('\'');
            } else if (k == ColumnKind.BINARY) {
                sb.append('\'').append(Describe.hex(raw, base + positions[i] + 5, length(i))).append('\'');
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleData t && Arrays.equals(raw, base, end, t.raw, t.base, t.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = base; i < end; i++) {
            h = 31 * h + raw[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "TupleData" + describe();
    }

    /**
     * Builds a {@link TupleData} column by column.
     *
     * <p><b>Thread safety:</b> not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private int[] positions = new int[8];
        private int n;

        private Builder() {
            out.write(0);
            out.write(0);
        }

        private void mark(int kind) {
            if (n == 0xffff) {
                throw new IllegalStateException("A tuple has at most 65535 columns");
            }
            if (n == positions.length) {
                positions = Arrays.copyOf(positions, n * 2);
            }
            positions[n++] = out.size();
            out.write(kind);
        }

        /** @return this, with a {@code 'n'} column appended */
        public Builder nul() {
            mark('n');
            return this;
        }

        /** @return this, with a {@code 'u'} column appended */
        public Builder unchangedToast() {
            mark('u');
            return this;
        }

        /** @return this, with a {@code 't'} column holding the UTF-8 bytes of {@code value} appended */
        public Builder text(String value) {
            return text(value.getBytes(StandardCharsets.UTF_8));
        }

        /** @return this, with a {@code 't'} column holding exactly {@code value} appended */
        public Builder text(byte[] value) {
            return value('t', value);
        }

        /** @return this, with a {@code 'b'} column appended */
        public Builder binary(byte[] value) {
            return value('b', value);
        }

        /**
         * @param kind the column kind
         * @param value the bytes for {@code TEXT}/{@code BINARY}; ignored (may be null) otherwise
         * @return this
         */
        public Builder add(ColumnKind kind, byte[] value) {
            switch (kind) {
                case NULL:
                    return nul();
                case UNCHANGED_TOAST:
                    return unchangedToast();
                default:
                    return value(kind.code(), value);
            }
        }

        private Builder value(char kind, byte[] value) {
            mark(kind);
            int len = value.length;
            out.write(len >>> 24);
            out.write(len >>> 16);
            out.write(len >>> 8);
            out.write(len);
            out.writeBytes(value);
            return this;
        }

        /** @return the tuple */
        public TupleData build() {
            byte[] raw = out.toByteArray();
            raw[0] = (byte) (n >>> 8);
            raw[1] = (byte) n;
            return new TupleData(raw, 0, raw.length, Arrays.copyOf(positions, n));
        }
    }
}
