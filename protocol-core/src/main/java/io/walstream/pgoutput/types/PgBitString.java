package io.walstream.pgoutput.types;

import java.util.Arrays;

/**
 * A {@code bit(n)} or {@code varbit} value: a string of bits, printed {@code 1010} as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class PgBitString {
    private final int length;
    private final byte[] bits;

    private PgBitString(int length, byte[] bits) {
        this.length = length;
        this.bits = bits;
    }

    /**
     * @param text {@code 0} and {@code 1} characters
     * @return the bit string
     * @throws IllegalArgumentException on another character
     */
    public static PgBitString parse(String text) {
        byte[] bits = new byte[(text.length() + 7) / 8];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '1') {
                bits[i / 8] |= (byte) (0x80 >>> (i % 8));
            } else if (c != '0') {
                throw new IllegalArgumentException("not a bit string");
            }
        }
        return new PgBitString(text.length(), bits);
    }

    static PgBitString binary(java.nio.ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || b.remaining() != (n + 7) / 8) {
            throw new IllegalArgumentException("malformed binary bit string");
        }
        byte[] bits = new byte[b.remaining()];
        b.get(bits);
        if (n % 8 != 0) {
            bits[bits.length - 1] &= (byte) (0xff << (8 - n % 8));
        }
        return new PgBitString(n, bits);
    }

    /** @return the number of bits */
    public int length() {
        return length;
    }

    /**
     * @param index a bit index, 0 = leftmost
     * @return whether that bit is set
     */
    public boolean get(int index) {
        java.util.Objects.checkIndex(index, length);
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    /** @return the bits packed most significant first, a copy */
    public byte[] toByteArray() {
        return bits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgBitString && length == ((PgBitString) o).length
                && Arrays.equals(bits, ((PgBitString) o).bits);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bits);
    }

    /** @return the bits as {@code 0}/{@code 1} characters */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(get(i) ? '1' : '0');
        }
        return sb.toString();
    }
}
