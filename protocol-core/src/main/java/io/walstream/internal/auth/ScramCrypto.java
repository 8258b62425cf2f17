package io.walstream.internal.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 section 2.2 over raw bytes: {@code H} (SHA-256),
 * {@code HMAC} (HMAC-SHA-256) and {@code Hi} (PBKDF2-HMAC-SHA256 with a 32-byte output).
 *
 * <p>{@code Hi} is implemented here rather than with {@code SecretKeyFactory("PBKDF2WithHmacSHA256")}
 * because that takes a {@code char[]} password, while PostgreSQL passwords are bytes that need not be
 * valid UTF-8.
 *
 * <p><b>Thread safety:</b> stateless; safe to call from any thread.
 */
final class ScramCrypto {
    /** Output length of SHA-256 and HMAC-SHA-256, and the SCRAM key length. */
    static final int KEY_LENGTH = 32;

    private static final String HMAC_SHA_256 = "HmacSHA256";

    private ScramCrypto() {
    }

    /**
     * {@code Hi(password, salt, iterations)}, i.e. PBKDF2 with HMAC-SHA-256 and one 32-byte block:
     * <pre>{@code
     * U1 = HMAC(password, salt || INT(1));  Ui = HMAC(password, U(i-1));  Hi = U1 XOR U2 XOR ... XOR Ui
     * }</pre>
     *
     * @param password the key bytes (not modified); must not be empty
     * @param salt the salt
     * @param iterations at least 1
     * @return the 32-byte salted password
     */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        Mac mac = hmac(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        try {
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < KEY_LENGTH; j++) {
                    result[j] ^= u[j];
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed", e);
        } finally {
            Arrays.fill(u, (byte) 0);
        }
        return result;
    }

    /**
     * @param key the HMAC key (not modified); must not be empty
     * @param data the message
     * @return {@code HMAC-SHA-256(key, data)}
     */
    static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key).doFinal(data);
    }

    /** @return {@code SHA-256(data)} */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** @return a new array {@code a XOR b}; both must have the same length */
    static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Overwrites each non-null array with zeros. */
    static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA_256);
            mac.init(new SecretKeySpec(key, HMAC_SHA_256));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JDK", e);
        }
    }
}
