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
    private final byte[] raw;
    /** Position in {@link #raw} of each column's kind byte. */
    private final int[] positions;

    private TupleData(byte[] raw, int[] positions) {
        this.raw = raw;
        this.positions = positions;
    }

    /**
     * Wraps the decoder's own copy of a tuple's wire bytes, after {@link #scan} validated the layout and
     * returned the column positions.
     */
    static TupleData ofValidated(byte[] raw, int[] positions) {
        return new TupleData(raw, positions);
    }

    /**
     * Validates the TupleData at the reader's position and returns its column positions relative to the
     * tuple's first byte; leaves the reader after the tuple. Never allocates more than the payload implies:
     * the column count is checked against the remaining bytes (one byte per column at least) first.
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
        // Labels are built only on the failure paths: this loop runs for every column of every row.
        for (int i = 0; i < n; i++) {
            int at = in.offset();
            positions[i] = at - start;
            if (in.remaining() < 1) {
                throw in.malformed(what + " column " + i + " of " + n + " is missing", at);
            }
            int kind = in.u8("tuple column kind");
            switch (kind) {
                case 'n':
                case 'u':
                    break;
                case 't':
                case 'b':
                    if (in.remaining() < 4) {
                        throw in.malformed(what + " column " + i + " length is cut off", at);
                    }
                    int len = in.i32("tuple column length");
                    if (len < 0) {
                        throw in.malformed(what + " column " + i + " declares negative length " + len, at);
                    }
                    if (len > in.remaining()) {
                        throw in.malformed(what + " column " + i + " value needs " + len + " bytes but only "
                                + in.remaining() + " remain", at);
                    }
                    in.skip(len, "tuple column value");
                    break;
                default:
                    throw in.malformed(what + " column " + i + " has unknown kind "
                            + io.walstream.ProtocolException.describeTag(kind), at);
            }
        }
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
        return new TupleData(raw, positions);
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
        return ColumnKind.fromCode(raw[positions[Objects.checkIndex(index, positions.length)]]);
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
        int p = positions[Objects.checkIndex(index, positions.length)];
        return ColumnKind.fromCode(raw[p]).hasData() ? ByteBuffer.wrap(raw).getInt(p + 1) : -1;
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
        return ByteBuffer.wrap(raw, positions[index] + 5, len).slice().asReadOnlyBuffer();
    }

    /** @return a copy of the value's bytes; see {@link #data(int)} */
    public byte[] bytes(int index) {
        ByteBuffer b = data(index);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** @return the value's bytes decoded as UTF-8 (meaningful for {@code 't'} columns); see {@link #data(int)} */
    public String text(int index) {
        int len = length(index);
        if (len < 0) {
            throw new IllegalStateException("Column " + index + " is " + kind(index) + " and has no data");
        }
        return new String(raw, positions[index] + 5, len, StandardCharsets.UTF_8);
    }

    /** The backing array, for allocation-free reads by {@link ColumnValue}; never modified or exposed. */
    byte[] array() {
        return raw;
    }

    /** @return where column {@code index}'s bytes start in {@link #array()} (valid when it has data) */
    int offset(int index) {
        return positions[index] + 5;
    }

    /** @return a read-only view of the tuple exactly as on the wire, from the column count on */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(raw).asReadOnlyBuffer();
    }

    /** @return the number of wire bytes of this tuple */
    public int encodedLength() {
        return raw.length;
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
                sb.append('\'').append(Describe.hex(raw, positions[i] + 5, length(i))).append('\'');
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleData && Arrays.equals(raw, ((TupleData) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
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
            return new TupleData(raw, Arrays.copyOf(positions, n));
        }
    }
}
