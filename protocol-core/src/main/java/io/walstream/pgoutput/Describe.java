package io.walstream.pgoutput;

import io.walstream.internal.PgEpoch;
import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Formatting helpers for the canonical {@code describe()} lines. Not public.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Describe {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Describe() {
    }

    /** @return the unsigned decimal form of a uint32 (xid, OID) */
    static String u32(int value) {
        return Integer.toUnsignedString(value); // same as Xids.toString and Oids.toString
    }

    /** @return an ISO-8601 instant for µs since 2000-01-01 UTC */
    static String time(long micros) {
        return PgEpoch.toInstant(micros).toString();
    }

    /** @return {@code "xid=N "} for a streamed change, else the empty string */
    static String xid(OptionalInt streamXid) {
        return streamXid.isPresent() ? "xid=" + u32(streamXid.getAsInt()) + " " : "";
    }

    /** @return the text in double quotes, with {@code \}, {@code "} and control characters escaped */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        escape(sb, s, '"');
        return sb.append('"').toString();
    }

    static void escape(StringBuilder sb, CharSequence s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == quote) {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append("\\x").append(DIGITS[(c >> 4) & 0xf]).append(DIGITS[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
    }

    /** @return lower-case hex without separators of the buffer's remaining bytes (position unchanged) */
    static String hex(ByteBuffer b) {
        StringBuilder sb = new StringBuilder(b.remaining() * 2);
        for (int i = b.position(); i < b.limit(); i++) {
            int v = b.get(i) & 0xff;
            sb.append(DIGITS[v >> 4]).append(DIGITS[v & 0xf]);
        }
        return sb.toString();
    }

    /** @return lower-case hex without separators */
    static String hex(byte[] b, int from, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = from; i < from + len; i++) {
            int v = b[i] & 0xff;
            sb.append(DIGITS[v >> 4]).append(DIGITS[v & 0xf]);
        }
        return sb.toString();
    }
}
