package io.walstream.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes the frontend (client to server) messages walstream sends. Each method returns a new heap buffer,
 * position 0, ready for {@link io.walstream.spi.ByteSink#write}. Strings are sent as UTF-8 and must not
 * contain NUL, which the protocol uses as terminator; a NUL is rejected with an
 * {@link IllegalArgumentException} that never quotes the value.
 *
 * <p>See <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class FrontendMessages {

    /** Protocol version 3.0, sent in the StartupMessage. */
    public static final int PROTOCOL_3_0 = 196608;
    /** Protocol version 3.2 (PostgreSQL 18+). */
    public static final int PROTOCOL_3_2 = 196610;
    /** The SSLRequest code, 1234 in the high half and 5679 in the low half. */
    public static final int SSL_REQUEST_CODE = 80877103;
    /** The CancelRequest code, 1234 in the high half and 5678 in the low half. */
    public static final int CANCEL_REQUEST_CODE = 80877102;
    /** The largest startup packet a server accepts ({@code MAX_STARTUP_PACKET_LENGTH}). */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10000;

    private FrontendMessages() {
    }

    /**
     * StartupMessage for protocol 3.0.
     * <pre>
     * Int32 length | Int32 196608 | { String name, String value }* | Byte1 0
     * </pre>
     *
     * @param parameters parameter names and values in the order to send, e.g. {@code user}, {@code database},
     *        {@code replication}; must include {@code user}
     * @return the packet
     */
    public static ByteBuffer startup(Map<String, String> parameters) {
        return startup(PROTOCOL_3_0, parameters);
    }

    /**
     * StartupMessage for a given protocol version.
     *
     * @param protocolVersion {@link #PROTOCOL_3_0} or {@link #PROTOCOL_3_2}
     * @param parameters parameter names and values in the order to send; must include {@code user}
     * @return the packet
     */
    public static ByteBuffer startup(int protocolVersion, Map<String, String> parameters) {
        if (!parameters.containsKey("user")) {
            throw new IllegalArgumentException("A StartupMessage needs the 'user' parameter");
        }
        int length = 4 + 4 + 1;
        byte[][] encoded = new byte[parameters.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            encoded[i] = cstring("startup parameter name", e.getKey());
            encoded[i + 1] = cstring("startup parameter '" + e.getKey() + "'", Objects.requireNonNull(e.getValue(),
                    e.getKey()));
            length += encoded[i].length + encoded[i + 1].length;
            i += 2;
        }
        if (length > MAX_STARTUP_PACKET_LENGTH) {
            throw new IllegalArgumentException("StartupMessage of " + length + " bytes exceeds the server's limit of "
                    + MAX_STARTUP_PACKET_LENGTH);
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(length).putInt(protocolVersion);
        for (byte[] part : encoded) {
            b.put(part);
        }
        b.put((byte) 0);
        return b.flip();
    }

    /**
     * SSLRequest: {@code Int32 8 | Int32 80877103}. The server answers with one unframed byte, {@code S} or
     * {@code N}.
     *
     * @return the packet
     */
    public static ByteBuffer sslRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).flip();
    }

    /**
     * CancelRequest, sent on a new connection: {@code Int32 len | Int32 80877102 | Int32 pid | Byte[n] key}.
     *
     * @param processId the backend pid from BackendKeyData
     * @param secretKey the key bytes from BackendKeyData, 4 to 256 bytes
     * @return the packet
     */
    public static ByteBuffer cancelRequest(int processId, byte[] secretKey) {
        if (secretKey.length < 4 || secretKey.length > 256) {
            throw new IllegalArgumentException("Cancel key must be 4..256 bytes, got " + secretKey.length);
        }
        int length = 12 + secretKey.length;
        return ByteBuffer.allocate(length).putInt(length).putInt(CANCEL_REQUEST_CODE).putInt(processId)
                .put(secretKey).flip();
    }

    /**
     * PasswordMessage: {@code 'p' | Int32 len | String password}, for cleartext or MD5 authentication.
     * The caller should overwrite its own copy of the bytes after writing.
     *
     * @param password the password bytes (cleartext, or the {@code md5...} hash), without a terminator
     * @return the message
     */
    public static ByteBuffer password(byte[] password) {
        for (byte x : password) {
            if (x == 0) {
                throw new IllegalArgumentException("The password contains a NUL byte, which the protocol cannot carry");
            }
        }
        ByteBuffer b = tagged('p', password.length + 1);
        b.put(password).put((byte) 0);
        return b.flip();
    }

    /**
     * SASLInitialResponse: {@code 'p' | Int32 len | String mechanism | Int32 n (-1 for none) | Byte[n]}.
     *
     * @param mechanism e.g. {@code SCRAM-SHA-256}
     * @param initialResponse the client-first message, or {@code null} for none
     * @return the message
     */
    public static ByteBuffer saslInitialResponse(String mechanism, byte[] initialResponse) {
        byte[] mech = cstring("SASL mechanism", mechanism);
        int n = initialResponse == null ? 0 : initialResponse.length;
        ByteBuffer b = tagged('p', mech.length + 4 + n);
        b.put(mech).putInt(initialResponse == null ? -1 : n);
        if (initialResponse != null) {
            b.put(initialResponse);
        }
        return b.flip();
    }

    /**
     * SASLResponse: {@code 'p' | Int32 len | Byte[n]}.
     *
     * @param data the client message
     * @return the message
     */
    public static ByteBuffer saslResponse(byte[] data) {
        return tagged('p', data.length).put(data).flip();
    }

    /**
     * Query (simple query protocol): {@code 'Q' | Int32 len | String sql}. Replication connections accept one
     * replication command per Query.
     *
     * @param sql the statement or replication command
     * @return the message
     */
    public static ByteBuffer query(String sql) {
        byte[] s = cstring("query", sql);
        return tagged('Q', s.length).put(s).flip();
    }

    /**
     * CopyData: {@code 'd' | Int32 len | Byte[n]}.
     *
     * @param payload the bytes; its position is not changed
     * @return the message
     */
    public static ByteBuffer copyData(ByteBuffer payload) {
        return tagged('d', payload.remaining()).put(payload.duplicate()).flip();
    }

    /**
     * CopyData with a byte-array payload.
     *
     * @param payload the bytes
     * @return the message
     */
    public static ByteBuffer copyData(byte[] payload) {
        return tagged('d', payload.length).put(payload).flip();
    }

    /**
     * CopyDone: {@code 'c' | Int32 4}.
     *
     * @return the message
     */
    public static ByteBuffer copyDone() {
        return tagged('c', 0).flip();
    }

    /**
     * CopyFail: {@code 'f' | Int32 len | String reason}.
     *
     * @param reason why the copy is aborted
     * @return the message
     */
    public static ByteBuffer copyFail(String reason) {
        byte[] s = cstring("CopyFail reason", reason);
        return tagged('f', s.length).put(s).flip();
    }

    /**
     * Terminate: {@code 'X' | Int32 4}.
     *
     * @return the message
     */
    public static ByteBuffer terminate() {
        return tagged('X', 0).flip();
    }

    private static ByteBuffer tagged(char tag, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + bodyLength);
        b.put((byte) tag).putInt(4 + bodyLength);
        return b;
    }

    private static byte[] cstring(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The " + what + " contains a NUL character, which the protocol cannot carry");
        }
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[raw.length + 1];
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }
}
