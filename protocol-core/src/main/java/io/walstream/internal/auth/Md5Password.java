package io.walstream.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The response to {@code AuthenticationMD5Password} (request code 5):
 * <pre>{@code
 * "md5" + hex(MD5( hex(MD5(password || user)) || salt ))      hex = 32 lower-case digits
 * }</pre>
 * The result is 35 ASCII bytes; the caller sends it as the PasswordMessage string (adding the NUL).
 * The password is not SASLprep'd: MD5 uses the bytes exactly as given, like libpq.
 *
 * <p><b>Thread safety:</b> stateless; safe to call from any thread.
 */
public final class Md5Password {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Md5Password() {
    }

    /**
     * @param passwordUtf8 the password bytes (not modified, not retained)
     * @param user the startup {@code user} value, encoded as UTF-8
     * @param salt4 the 4 salt bytes from the server's request
     * @return {@code md5} followed by 32 lower-case hex digits, as 35 ASCII bytes
     * @throws IllegalArgumentException if the salt is not exactly 4 bytes
     */
    public static byte[] encode(byte[] passwordUtf8, String user, byte[] salt4) {
        if (salt4 == null || salt4.length != 4) {
            throw new IllegalArgumentException("MD5 salt must be 4 bytes, got "
                    + (salt4 == null ? "null" : salt4.length));
        }
        MessageDigest md5 = md5();
        md5.update(passwordUtf8);
        md5.update(user.getBytes(StandardCharsets.UTF_8));
        byte[] innerDigest = md5.digest();
        byte[] innerHex = new byte[32];
        toHex(innerDigest, innerHex, 0);

        md5.update(innerHex);
        md5.update(salt4);
        byte[] outerDigest = md5.digest();

        byte[] result = new byte[35];
        result[0] = 'm';
        result[1] = 'd';
        result[2] = '5';
        toHex(outerDigest, result, 3);
        Arrays.fill(innerDigest, (byte) 0);
        Arrays.fill(innerHex, (byte) 0);
        return result;
    }

    private static void toHex(byte[] digest, byte[] dst, int offset) {
        for (int i = 0; i < digest.length; i++) {
            dst[offset + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            dst[offset + 2 * i + 1] = HEX[digest[i] & 0xf];
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JDK", e);
        }
    }
}
