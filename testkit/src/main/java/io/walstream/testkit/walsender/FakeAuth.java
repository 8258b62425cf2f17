package io.walstream.testkit.walsender;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a {@link FakeWalSender} authenticates clients: trust, cleartext password, MD5, or SCRAM-SHA-256 (without
 * channel binding). A wrong password gets the server's {@code 28P01} error, as PostgreSQL sends it.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class FakeAuth {

    enum Method { TRUST, CLEARTEXT, MD5, SCRAM, SCRAM_SKIPPING_FINAL }

    private static final int DEFAULT_ITERATIONS = 4096;

    private final Method method;
    private final String password;
    private final int iterations;

    private FakeAuth(Method method, String password) {
        this(method, password, DEFAULT_ITERATIONS);
    }

    private FakeAuth(Method method, String password, int iterations) {
        this.method = method;
        this.password = password;
        this.iterations = iterations;
    }

    /** @return no password asked */
    public static FakeAuth trust() {
        return new FakeAuth(Method.TRUST, null);
    }

    /** @param password the expected password @return AuthenticationCleartextPassword */
    public static FakeAuth cleartext(String password) {
        return new FakeAuth(Method.CLEARTEXT, password);
    }

    /** @param password the expected password @return AuthenticationMD5Password */
    public static FakeAuth md5(String password) {
        return new FakeAuth(Method.MD5, password);
    }

    /** @param password the expected password @return SASL with SCRAM-SHA-256 (4096 iterations) */
    public static FakeAuth scram(String password) {
        return new FakeAuth(Method.SCRAM, password);
    }

    /**
     * A hostile SCRAM server that announces {@code iterations} in its server-first-message (a client should refuse
     * an absurd count before hashing).
     *
     * @param password the expected password
     * @param iterations the iteration count announced
     * @return SASL with SCRAM-SHA-256
     */
    public static FakeAuth scram(String password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        return new FakeAuth(Method.SCRAM, password, iterations);
    }

    /**
     * A hostile SCRAM server that answers the client's first message with AuthenticationOk at once, without proving
     * that it knows the password (no server-final-message); a client must refuse it.
     *
     * @return SASL with SCRAM-SHA-256, cut short
     */
    public static FakeAuth scramSkippingServerProof() {
        return new FakeAuth(Method.SCRAM_SKIPPING_FINAL, null);
    }

    Method method() {
        return method;
    }

    /** @return whether the cleartext answer is right */
    boolean cleartextMatches(String answer) {
        return password.equals(answer);
    }

    /** @return whether the MD5 answer ({@code md5} + hex) is right for {@code user} and {@code salt} */
    boolean md5Matches(String user, byte[] salt, String answer) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            String inner = HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
            md.update(inner.getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return ("md5" + HexFormat.of().formatHex(md.digest())).equals(answer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server side of one SCRAM-SHA-256 exchange (RFC 5802 / 7677). */
    final class Scram {
        private final byte[] salt = new byte[16];
        private final String serverNonce;
        private String clientFirstBare;
        private String serverFirst;
        private byte[] saltedPassword;

        Scram() {
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            byte[] n = new byte[18];
            random.nextBytes(n);
            serverNonce = Base64.getEncoder().encodeToString(n);
        }

        /** @return server-first-message for the client-first-message */
        String first(String clientFirst) {
            int gs2End = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1);
            clientFirstBare = clientFirst.substring(gs2End + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(salt)
                    + ",i=" + iterations;
            return serverFirst;
        }

        /** @return server-final-message ({@code v=...}), or {@code null} if the proof is wrong */
        String last(String clientFinal) {
            try {
                int p = clientFinal.lastIndexOf(",p=");
                String withoutProof = clientFinal.substring(0, p);
                byte[] proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
                String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
                saltedPassword = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
                byte[] clientKey = hmac(saltedPassword, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                byte[] signature = hmac(storedKey, authMessage);
                byte[] recovered = new byte[proof.length];
                for (int i = 0; i < proof.length && i < signature.length; i++) {
                    recovered[i] = (byte) (proof[i] ^ signature[i]);
                }
                if (!Arrays.equals(MessageDigest.getInstance("SHA-256").digest(recovered), storedKey)) {
                    return null;
                }
                byte[] serverKey = hmac(saltedPassword, "Server Key");
                return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
            } catch (GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }

        private byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }

        private String attribute(String message, char name) {
            for (String part : message.split(",")) {
                if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
                    return part.substring(2);
                }
            }
            return "";
        }
    }

    @Override
    public String toString() {
        return "FakeAuth[" + method + "]"; // never the password
    }
}
