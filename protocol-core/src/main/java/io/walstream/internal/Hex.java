package io.walstream.internal;

/**
 * Hex rendering for diagnostics. Not exported.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /**
     * @param bytes the source
     * @param from first index
     * @param to end index (exclusive), clamped to the array
     * @param max at most this many bytes are rendered
     * @return lower-case hex pairs separated by spaces, with {@code ...} if cut short
     */
    public static String excerpt(byte[] bytes, int from, int to, int max) {
        int end = Math.min(Math.min(to, bytes.length), from + max);
        StringBuilder sb = new StringBuilder(Math.max(0, end - from) * 3 + 3);
        for (int i = from; i < end; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(DIGITS[(bytes[i] >> 4) & 0xf]).append(DIGITS[bytes[i] & 0xf]);
        }
        if (end < Math.min(to, bytes.length)) {
            sb.append(" ...");
        }
        return sb.toString();
    }
}
