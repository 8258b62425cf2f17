package io.walstream.internal.auth;

import io.walstream.AuthenticationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The client side of one SCRAM-SHA-256 or SCRAM-SHA-256-PLUS exchange (RFC 5802, RFC 7677), without I/O:
 * <pre>{@code
 * client                                         server
 *   clientFirstMessage()          -- SASLInitialResponse -->
 *                                 <-- AuthenticationSASLContinue (server-first)
 *   clientFinalMessage(serverFirst) -- SASLResponse -->
 *                                 <-- AuthenticationSASLFinal (server-final)
 *   verifyServerFinal(serverFinal); isComplete() == true
 *                                 <-- AuthenticationOk
 * }</pre>
 * The connection code must refuse {@code AuthenticationOk} while {@link #isComplete()} is false: a server
 * that skips SASLFinal has not proved it knows the password.
 *
 * <p>The builder applies {@link SaslPrep} to the password itself, so pass the bytes as the user gave them.
 * The client keeps its own prepared copy only until the salted password is derived and then wipes it, as
 * it does every derived key; the caller's array is never modified. The client-final message contains the
 * proof: wipe it after sending. Any failure is an {@link AuthenticationException} whose message never
 * contains the password, proof or signatures, and leaves the client in a failed state.
 *
 * <p>Like libpq, the client-first message carries an empty user name ({@code n=}); the server uses the
 * startup {@code user}. A name can be set for tests (RFC 7677's example uses {@code n=user}).
 *
 * <p><b>Thread safety:</b> not thread-safe; one instance serves one exchange on one connection thread.
 */
public final class ScramSha256Client {
    /** Default upper bound on the server-chosen iteration count (PostgreSQL's default is 4096). */
    public static final int DEFAULT_MAX_ITERATIONS = 100_000;

    private static final int NONCE_BYTES = 18;
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private enum State { INITIAL, FIRST_SENT, FINAL_SENT, COMPLETE, FAILED }

    private final ChannelBinding channelBinding;
    private final int maxIterations;
    private final String clientNonce;
    private final byte[] clientFirstBare;
    private byte[] password;
    private byte[] serverSignature;
    private State state = State.INITIAL;

    private ScramSha256Client(Builder b, byte[] preparedPassword) {
        this.channelBinding = b.channelBinding;
        this.maxIterations = b.maxIterations;
        this.clientNonce = b.clientNonce != null ? b.clientNonce : randomNonce(b.random);
        this.clientFirstBare = ("n=" + escapeName(b.userName) + ",r=" + clientNonce).getBytes(StandardCharsets.UTF_8);
        this.password = preparedPassword;
    }

    /**
     * A client with the defaults: random nonce from a new {@link SecureRandom}, empty user name and
     * {@link #DEFAULT_MAX_ITERATIONS}.
     *
     * @param password the password bytes, not yet SASLprep'd (not modified, not retained)
     * @param channelBinding the GS2 flag and binding data
     */
    public ScramSha256Client(byte[] password, ChannelBinding channelBinding) {
        this(builder(password).channelBinding(channelBinding).validated(), SaslPrep.prepare(password));
    }

    /**
     * @param password the password bytes, not yet SASLprep'd (not modified; read again by {@link Builder#build()})
     * @return a builder with {@link ChannelBinding#none()} and the defaults
     */
    public static Builder builder(byte[] password) {
        return new Builder(password);
    }

    /** @return {@code SCRAM-SHA-256-PLUS} with {@code p=} binding, otherwise {@code SCRAM-SHA-256} */
    public String mechanism() {
        return channelBinding.type() == ChannelBinding.Type.TLS_SERVER_END_POINT
                ? ScramMechanismChoice.SCRAM_SHA_256_PLUS : ScramMechanismChoice.SCRAM_SHA_256;
    }

    /**
     * @return {@code gs2-header "n=" user ",r=" cnonce}, for example {@code n,,n=,r=<24 base64 chars>}
     * @throws IllegalStateException if already called
     */
    public byte[] clientFirstMessage() {
        require(State.INITIAL, "clientFirstMessage()");
        byte[] header = channelBinding.gs2Header().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + clientFirstBare.length);
        out.writeBytes(header);
        out.writeBytes(clientFirstBare);
        state = State.FIRST_SENT;
        return out.toByteArray();
    }

    /**
     * Validates the server-first-message (see {@link ServerFirstMessage}), derives the keys and builds
     * {@code c=base64(gs2-header || binding data),r=nonce,p=base64(ClientProof)}.
     *
     * @param serverFirst the {@code AuthenticationSASLContinue} payload
     * @return the client-final-message; it contains the proof, so wipe it after sending
     * @throws AuthenticationException if the server-first-message is malformed or unacceptable
     * @throws IllegalStateException if {@link #clientFirstMessage()} was not called first, or this
     *     method was already called
     */
    public byte[] clientFinalMessage(byte[] serverFirst) {
        require(State.FIRST_SENT, "clientFinalMessage()");
        state = State.FAILED;
        try {
            byte[] message = deriveClientFinal(serverFirst);
            state = State.FINAL_SENT;
            return message;
        } finally {
            wipePassword();
        }
    }

    private byte[] deriveClientFinal(byte[] serverFirst) {
        ServerFirstMessage first = ServerFirstMessage.parse(serverFirst, clientNonce, maxIterations);
        byte[] withoutProof = ("c=" + Base64.getEncoder().encodeToString(channelBinding.cbindInput())
                + ",r=" + first.nonce()).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.writeBytes(clientFirstBare);
        auth.write(',');
        auth.writeBytes(serverFirst);
        auth.write(',');
        auth.writeBytes(withoutProof);
        byte[] authMessage = auth.toByteArray();

        byte[] salted = ScramCrypto.hi(password, first.salt(), first.iterations());
        byte[] clientKey = ScramCrypto.hmac(salted, CLIENT_KEY);
        byte[] storedKey = ScramCrypto.sha256(clientKey);
        byte[] clientSignature = ScramCrypto.hmac(storedKey, authMessage);
        byte[] proof = ScramCrypto.xor(clientKey, clientSignature);
        byte[] serverKey = ScramCrypto.hmac(salted, SERVER_KEY);
        serverSignature = ScramCrypto.hmac(serverKey, authMessage);
        byte[] proofBase64 = Base64.getEncoder().encode(proof);

        int at = withoutProof.length;
        byte[] message = Arrays.copyOf(withoutProof, at + 3 + proofBase64.length);
        message[at] = ',';
        message[at + 1] = 'p';
        message[at + 2] = '=';
        System.arraycopy(proofBase64, 0, message, at + 3, proofBase64.length);
        ScramCrypto.wipe(salted, clientKey, storedKey, clientSignature, proof, serverKey, proofBase64);
        return message;
    }

    /**
     * Accepts {@code v=base64(ServerSignature)} when it matches (compared in constant time); rejects
     * {@code e=<error>} and anything else.
     *
     * @param serverFinal the {@code AuthenticationSASLFinal} payload
     * @throws AuthenticationException if the server reported an error or did not prove it knows the password
     * @throws IllegalStateException if {@link #clientFinalMessage(byte[])} has not succeeded, or this
     *     method was already called
     */
    public void verifyServerFinal(byte[] serverFinal) {
        require(State.FINAL_SENT, "verifyServerFinal()");
        state = State.FAILED;
        byte[] expected = serverSignature;
        serverSignature = null;
        try {
            String text = ScramText.printableAscii(serverFinal, "server-final-message");
            if (text.startsWith("e=")) {
                throw new AuthenticationException("Server rejected SCRAM authentication: "
                        + ScramText.excerpt(text.substring(2)));
            }
            if (!text.startsWith("v=")) {
                throw new AuthenticationException("SCRAM server-final-message must start with v= or e=");
            }
            if (text.indexOf(',') >= 0) {
                throw new AuthenticationException("SCRAM server-final-message has unexpected attributes after v=");
            }
            byte[] actual;
            try {
                actual = Base64.getDecoder().decode(text.substring(2));
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException("SCRAM server signature (v=) is not valid base64");
            }
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new AuthenticationException("SCRAM server signature does not match: the server did not prove"
                        + " that it knows the password; refusing to continue");
            }
            state = State.COMPLETE;
        } finally {
            ScramCrypto.wipe(expected);
        }
    }

    /** @return {@code true} only after {@link #verifyServerFinal(byte[])} accepted the server's signature */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    private void require(State expected, String method) {
        if (state != expected) {
            throw new IllegalStateException(method + " called in state " + state + ", expected " + expected);
        }
    }

    private void wipePassword() {
        ScramCrypto.wipe(password);
        password = null;
    }

    private static String randomNonce(SecureRandom random) {
        byte[] raw = new byte[NONCE_BYTES];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** RFC 5802 saslname: {@code =} becomes {@code =3D} and {@code ,} becomes {@code =2C}. */
    private static String escapeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * Options for {@link ScramSha256Client}.
     *
     * <p><b>Thread safety:</b> not thread-safe; configure and build on one thread.
     */
    public static final class Builder {
        private final byte[] password;
        private ChannelBinding channelBinding = ChannelBinding.none();
        private SecureRandom random;
        private String clientNonce;
        private String userName = "";
        private int maxIterations = DEFAULT_MAX_ITERATIONS;

        private Builder(byte[] password) {
            this.password = Objects.requireNonNull(password, "password");
        }

        /**
         * @param binding the GS2 flag and binding data; default {@link ChannelBinding#none()}
         * @return this builder
         */
        public Builder channelBinding(ChannelBinding binding) {
            this.channelBinding = Objects.requireNonNull(binding, "binding");
            return this;
        }

        /**
         * @param random the source of the 18 nonce bytes; default a new {@link SecureRandom}
         * @return this builder
         */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Fixes the client nonce instead of drawing it from {@link #random(SecureRandom)}. For tests only.
         *
         * @param nonce printable ASCII without {@code ,}
         * @return this builder
         */
        public Builder clientNonce(String nonce) {
            if (nonce.isEmpty() || !nonce.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',')) {
                throw new IllegalArgumentException("client nonce must be printable ASCII without ','");
            }
            this.clientNonce = nonce;
            return this;
        }

        /**
         * @param name the SCRAM user name; default empty, as libpq sends (the server ignores it)
         * @return this builder
         */
        public Builder userName(String name) {
            this.userName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param max the largest iteration count a server may ask for; default {@link #DEFAULT_MAX_ITERATIONS}
         * @return this builder
         */
        public Builder maxIterations(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxIterations must be positive: " + max);
            }
            this.maxIterations = max;
            return this;
        }

        /**
         * @return a client in its initial state, holding a SASLprep'd copy of the password
         * @throws AuthenticationException if the password is empty
         */
        public ScramSha256Client build() {
            return new ScramSha256Client(validated(), SaslPrep.prepare(password));
        }

        private Builder validated() {
            if (password.length == 0) {
                throw new AuthenticationException("SCRAM authentication needs a non-empty password");
            }
            if (random == null && clientNonce == null) {
                random = new SecureRandom();
            }
            return this;
        }
    }
}
