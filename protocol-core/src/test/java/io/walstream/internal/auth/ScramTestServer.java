package io.walstream.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent server side of SCRAM-SHA-256 for tests: derives keys with the JDK's
 * {@code PBKDF2WithHmacSHA256} (fine for ASCII passwords) and checks the client's proof the way
 * PostgreSQL's {@code verify_client_proof} does.
 */
final class ScramTestServer {
    static final String SALT_B64 = "W22ZaJ0SNY7soEsUEjb6gQ==";

    private final byte[] storedKey;
    private final byte[] serverKey;
    private final int iterations;
    private String clientFirstBare;
    private String serverFirst;

    ScramTestServer(String asciiPassword, int iterations) throws Exception {
        this.iterations = iterations;
        byte[] salt = Base64.getDecoder().decode(SALT_B64);
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(asciiPassword.toCharArray(), salt, iterations, 256)).getEncoded();
        this.storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
        this.serverKey = hmac(salted, "Server Key");
    }

    /** @return the server-first-message answering {@code clientFirst}, which must carry gs2 header {@code gs2} */
    byte[] serverFirst(byte[] clientFirst, String gs2, String serverNonce) {
        String text = new String(clientFirst, StandardCharsets.UTF_8);
        if (!text.startsWith(gs2)) {
            throw new AssertionError("client-first does not start with " + gs2 + ": " + text);
        }
        clientFirstBare = text.substring(gs2.length());
        String clientNonce = clientFirstBare.substring(clientFirstBare.indexOf(",r=") + 3);
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + SALT_B64 + ",i=" + iterations;
        return serverFirst.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the server-final-message, or throws if the proof does not verify */
    byte[] serverFinal(byte[] clientFinal) throws Exception {
        String text = new String(clientFinal, StandardCharsets.US_ASCII);
        int p = text.lastIndexOf(",p=");
        String withoutProof = text.substring(0, p);
        byte[] proof = Base64.getDecoder().decode(text.substring(p + 3));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(storedKey, MessageDigest.getInstance("SHA-256").digest(clientKey))) {
            throw new AssertionError("client proof does not verify");
        }
        return ("v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
