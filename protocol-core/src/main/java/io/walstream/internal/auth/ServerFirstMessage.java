package io.walstream.internal.auth;

import io.walstream.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A validated SCRAM server-first-message (the {@code AuthenticationSASLContinue} payload):
 * <pre>{@code
 * server-first = "r=" cnonce snonce "," "s=" base64(salt) "," "i=" iteration-count
 * }</pre>
 * Stricter than RFC 5802, like libpq: exactly these three attributes in this order, no {@code m=}
 * mandatory extension and nothing after {@code i=}. The combined nonce must start with the client nonce
 * (compared in constant time) and add at least one character; the iteration count must be in
 * {@code 1..maxIterations}, checked before any key derivation so a hostile server cannot burn CPU.
 *
 * <p><b>Thread safety:</b> immutable after parsing; the salt is copied out.
 */
final class ServerFirstMessage {
    private final String nonce;
    private final byte[] salt;
    private final int iterations;

    private ServerFirstMessage(String nonce, byte[] salt, int iterations) {
        this.nonce = nonce;
        this.salt = salt;
        this.iterations = iterations;
    }

    /**
     * @param message the raw server-first-message
     * @param clientNonce the nonce this client sent
     * @param maxIterations the largest iteration count accepted
     * @return the parsed message
     * @throws AuthenticationException if the message is malformed or unacceptable
     */
    static ServerFirstMessage parse(byte[] message, String clientNonce, int maxIterations) {
        String text = ScramText.printableAscii(message, "server-first-message");
        String[] attrs = text.split(",", -1);
        if (attrs[0].startsWith("m=")) {
            throw new AuthenticationException("SCRAM server-first-message starts with a mandatory extension (m=),"
                    + " which walstream does not support");
        }
        if (attrs.length < 3 || !attrs[0].startsWith("r=") || !attrs[1].startsWith("s=")
                || !attrs[2].startsWith("i=")) {
            throw new AuthenticationException("SCRAM server-first-message must hold attributes r, s, i in that"
                    + " order, got " + names(attrs));
        }
        if (attrs.length > 3) {
            throw new AuthenticationException("SCRAM server-first-message has unexpected attributes after i=: "
                    + names(Arrays.copyOfRange(attrs, 3, attrs.length)));
        }
        String nonce = attrs[0].substring(2);
        checkNonce(nonce, clientNonce);
        int iterations = parseIterations(attrs[2].substring(2), maxIterations);
        byte[] salt = decodeSalt(attrs[1].substring(2));
        return new ServerFirstMessage(nonce, salt, iterations);
    }

    /** @return the combined client and server nonce */
    String nonce() {
        return nonce;
    }

    /** @return a copy of the decoded salt */
    byte[] salt() {
        return salt.clone();
    }

    /** @return the iteration count, in {@code 1..maxIterations} */
    int iterations() {
        return iterations;
    }

    private static void checkNonce(String nonce, String clientNonce) {
        byte[] expected = clientNonce.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = nonce.getBytes(StandardCharsets.US_ASCII);
        boolean prefixMatches = actual.length > expected.length
                && MessageDigest.isEqual(Arrays.copyOf(actual, expected.length), expected);
        if (!prefixMatches) {
            throw new AuthenticationException("SCRAM server nonce does not extend the client nonce;"
                    + " the server's reply does not belong to this authentication attempt");
        }
    }

    private static int parseIterations(String value, int maxIterations) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AuthenticationException("SCRAM iteration count '" + ScramText.excerpt(value)
                    + "' is not a positive decimal integer");
        }
        long count;
        try {
            count = Long.parseLong(value);
        } catch (NumberFormatException e) {
            count = Long.MAX_VALUE;
        }
        if (count == 0) {
            throw new AuthenticationException("SCRAM iteration count must be positive, got 0");
        }
        if (count > maxIterations) {
            throw new AuthenticationException("Server asked for " + ScramText.excerpt(value) + " SCRAM iterations, above the limit of "
                    + maxIterations + "; raise the iteration limit only if this server is trusted");
        }
        return (int) count;
    }

    private static byte[] decodeSalt(String value) {
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("SCRAM salt (s=) is not valid base64");
        }
        if (salt.length == 0) {
            throw new AuthenticationException("SCRAM salt (s=) is empty");
        }
        return salt;
    }

    private static List<String> names(String[] attrs) {
        List<String> names = new ArrayList<>(attrs.length);
        for (String a : attrs) {
            int eq = a.indexOf('=');
            names.add(eq < 0 ? "'" + ScramText.excerpt(a) + "' (no '=')" : ScramText.excerpt(a.substring(0, eq)));
        }
        return names;
    }
}
