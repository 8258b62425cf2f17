package io.walstream.pgoutput.types;

import java.util.Arrays;

/**
 * A {@code macaddr} (6 bytes) or {@code macaddr8} (8 bytes) value, printed {@code 08:00:2b:01:02:03} as
 * PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class PgMacaddr {
    private final byte[] bytes;

    private PgMacaddr(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes 6 or 8 bytes (copied)
     * @return the address
     * @throws IllegalArgumentException for another length
     */
    public static PgMacaddr of(byte[] bytes) {
        if (bytes.length != 6 && bytes.length != 8) {
            throw new IllegalArgumentException("a MAC address has 6 or 8 bytes, not " + bytes.length);
        }
        return new PgMacaddr(bytes.clone());
    }

    static PgMacaddr parse(String text) {
        String t = text.trim();
        byte[] out = new byte[8];
        int n = 0;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                i++;
                continue;
            }
            if (i + 1 >= t.length() || n == 8) {
                throw new IllegalArgumentException("not a MAC address");
            }
            out[n++] = (byte) Integer.parseInt(t.substring(i, i + 2), 16);
            i += 2;
        }
        if (n != 6 && n != 8) {
            throw new IllegalArgumentException("not a MAC address");
        }
        return new PgMacaddr(Arrays.copyOf(out, n));
    }

    /** @return a copy of the 6 or 8 bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgMacaddr && Arrays.equals(bytes, ((PgMacaddr) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return lower-case hex pairs separated by {@code :} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
