package io.walstream.internal.auth;

import io.walstream.AuthenticationException;
import java.nio.charset.StandardCharsets;

/**
 * Text helpers for SCRAM messages from the server, which are printable ASCII by RFC 5802.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ScramText {
    private static final int EXCERPT_LIMIT = 40;

    private ScramText() {
    }

    /**
     * @param message raw bytes from the server
     * @param what the message name for errors, for example {@code server-first-message}
     * @return the bytes as a string
     * @throws AuthenticationException if the message is empty or a byte is outside {@code 0x20..0x7e}
     */
    static String printableAscii(byte[] message, String what) {
        if (message.length == 0) {
            throw new AuthenticationException("SCRAM " + what + " is empty");
        }
        for (int i = 0; i < message.length; i++) {
            int b = message[i] & 0xff;
            if (b < 0x20 || b > 0x7e) {
                throw new AuthenticationException(String.format(
                        "SCRAM %s has byte 0x%02x at index %d; only printable ASCII is allowed", what, b, i));
            }
        }
        return new String(message, StandardCharsets.US_ASCII);
    }

    /** @return {@code s} cut to a short length for an error message, with {@code ...} if cut */
    static String excerpt(String s) {
        return s.length() <= EXCERPT_LIMIT ? s : s.substring(0, EXCERPT_LIMIT) + "...";
    }
}
