package io.walstream.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SCRAM channel-binding flag (the GS2 header) and, for SCRAM-SHA-256-PLUS, the binding data:
 * <pre>{@code
 * n,,                          client does not use channel binding (disabled, or no TLS)
 * y,,                          client supports it but believes the server does not (TLS, -PLUS not offered)
 * p=tls-server-end-point,,     SCRAM-SHA-256-PLUS; data = hash of the server's leaf certificate (RFC 5929)
 * }</pre>
 * The client-final {@code c=} attribute is {@code base64(gs2-header || data)}: {@code biws} for
 * {@code n,,}, {@code eSws} for {@code y,,}.
 *
 * <p><b>Thread safety:</b> immutable; the binding data is copied in and out.
 */
public final class ChannelBinding {

    /** The three GS2 channel-binding flags. */
    public enum Type {
        /** {@code n,,}: no channel binding. */
        NONE("n,,"),
        /** {@code y,,}: the client supports channel binding but the server did not offer -PLUS. */
        NOT_OFFERED_BY_SERVER("y,,"),
        /** {@code p=tls-server-end-point,,}: SCRAM-SHA-256-PLUS with RFC 5929 binding data. */
        TLS_SERVER_END_POINT("p=tls-server-end-point,,");

        private final String gs2Header;

        Type(String gs2Header) {
            this.gs2Header = gs2Header;
        }

        /** @return the GS2 header this flag produces, for example {@code n,,} */
        public String gs2Header() {
            return gs2Header;
        }
    }

    private static final ChannelBinding NONE = new ChannelBinding(Type.NONE, new byte[0]);
    private static final ChannelBinding NOT_OFFERED = new ChannelBinding(Type.NOT_OFFERED_BY_SERVER, new byte[0]);

    private final Type type;
    private final byte[] data;

    private ChannelBinding(Type type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    /** @return the {@code n,,} binding */
    public static ChannelBinding none() {
        return NONE;
    }

    /** @return the {@code y,,} binding */
    public static ChannelBinding notOfferedByServer() {
        return NOT_OFFERED;
    }

    /**
     * @param certificateHash the RFC 5929 {@code tls-server-end-point} data (copied); must not be empty
     * @return the {@code p=tls-server-end-point,,} binding for SCRAM-SHA-256-PLUS
     */
    public static ChannelBinding tlsServerEndPoint(byte[] certificateHash) {
        if (certificateHash.length == 0) {
            throw new IllegalArgumentException("tls-server-end-point binding data must not be empty");
        }
        return new ChannelBinding(Type.TLS_SERVER_END_POINT, certificateHash.clone());
    }

    /**
     * @param type the flag chosen, for example by {@link ScramMechanismChoice}
     * @param certificateHash the binding data; required for {@link Type#TLS_SERVER_END_POINT}, ignored otherwise
     * @return the matching binding
     */
    public static ChannelBinding of(Type type, byte[] certificateHash) {
        switch (Objects.requireNonNull(type, "type")) {
            case NONE:
                return NONE;
            case NOT_OFFERED_BY_SERVER:
                return NOT_OFFERED;
            default:
                if (certificateHash == null) {
                    throw new IllegalArgumentException("tls-server-end-point needs the certificate hash");
                }
                return tlsServerEndPoint(certificateHash);
        }
    }

    /** @return the flag */
    public Type type() {
        return type;
    }

    /** @return the GS2 header, for example {@code n,,} */
    public String gs2Header() {
        return type.gs2Header;
    }

    /** @return a copy of the binding data; empty unless {@link Type#TLS_SERVER_END_POINT} */
    public byte[] data() {
        return data.clone();
    }

    /** @return a new array {@code gs2-header || data}, the input to the client-final {@code c=} attribute */
    byte[] cbindInput() {
        byte[] header = type.gs2Header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(header, header.length + data.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }

    @Override
    public String toString() {
        return type == Type.TLS_SERVER_END_POINT
                ? "ChannelBinding[" + type.gs2Header + " " + data.length + " bytes]"
                : "ChannelBinding[" + type.gs2Header + "]";
    }
}
