package io.walstream.internal.auth;

import io.walstream.AuthenticationException;
import java.util.List;
import java.util.Objects;

/**
 * Which SASL mechanism and GS2 flag to answer an {@code AuthenticationSASL} request with, following libpq:
 * <pre>
 * TLS  server offers -PLUS  channel_binding   →  mechanism            flag
 * no   no                   disable / prefer      SCRAM-SHA-256        n
 * yes  yes                  prefer / require      SCRAM-SHA-256-PLUS   p   (needs binding data)
 * yes  yes                  disable               SCRAM-SHA-256        n
 * yes  no                   prefer                SCRAM-SHA-256        y
 * any  no usable -PLUS      require               fail before sending anything
 * no   yes                  any                   fail: TLS was probably stripped on the way
 * </pre>
 * One deliberate difference: when the server offers -PLUS on TLS but no binding data can be computed
 * (for example an Ed25519 certificate), {@code prefer} falls back to SCRAM-SHA-256 with {@code n}, where
 * libpq fails. Sending {@code y} there would be refused by the server as a downgrade.
 *
 * <p><b>Thread safety:</b> immutable record; {@link #choose} is stateless.
 *
 * @param mechanism {@link #SCRAM_SHA_256} or {@link #SCRAM_SHA_256_PLUS}
 * @param bindingType the GS2 flag to send
 */
public record ScramMechanismChoice(String mechanism, ChannelBinding.Type bindingType) {
    /** The plain SCRAM mechanism name. */
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    /** The channel-binding SCRAM mechanism name. */
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    public ScramMechanismChoice {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(bindingType, "bindingType");
    }

    /**
     * @param offered the mechanisms in the server's {@code AuthenticationSASL} request, in its order
     * @param tls whether the connection is TLS-encrypted
     * @param bindingDataAvailable whether {@code tls-server-end-point} data for the server certificate is known
     * @param mode the {@code channel_binding} setting
     * @return the mechanism and flag to use
     * @throws AuthenticationException if no acceptable mechanism is offered
     */
    public static ScramMechanismChoice choose(List<String> offered, boolean tls, boolean bindingDataAvailable,
            ChannelBindingMode mode) {
        boolean offersPlus = offered.contains(SCRAM_SHA_256_PLUS);
        boolean offersPlain = offered.contains(SCRAM_SHA_256);
        if (offersPlus && !tls) {
            throw new AuthenticationException("Server offered " + SCRAM_SHA_256_PLUS + " on a connection without TLS;"
                    + " TLS may have been stripped between client and server, so walstream refuses to authenticate");
        }
        if (mode == ChannelBindingMode.REQUIRE) {
            if (!tls) {
                throw new AuthenticationException("channel_binding=require needs a TLS connection, but this one is"
                        + " not encrypted; set sslmode=require or stronger");
            }
            if (!offersPlus) {
                throw new AuthenticationException("channel_binding=require, but the server offered only " + offered
                        + " and no mechanism with channel binding");
            }
            if (!bindingDataAvailable) {
                throw new AuthenticationException("channel_binding=require, but no tls-server-end-point binding data"
                        + " could be computed for the server certificate (for example Ed25519 or Ed448 signatures)");
            }
            return new ScramMechanismChoice(SCRAM_SHA_256_PLUS, ChannelBinding.Type.TLS_SERVER_END_POINT);
        }
        if (mode == ChannelBindingMode.PREFER && offersPlus && bindingDataAvailable) {
            return new ScramMechanismChoice(SCRAM_SHA_256_PLUS, ChannelBinding.Type.TLS_SERVER_END_POINT);
        }
        if (offersPlain) {
            boolean clientOnly = mode == ChannelBindingMode.PREFER && tls && !offersPlus;
            return new ScramMechanismChoice(SCRAM_SHA_256,
                    clientOnly ? ChannelBinding.Type.NOT_OFFERED_BY_SERVER : ChannelBinding.Type.NONE);
        }
        if (offersPlus) {
            throw new AuthenticationException("Server offered only " + SCRAM_SHA_256_PLUS + ", which "
                    + (mode == ChannelBindingMode.DISABLE ? "channel_binding=disable rules out"
                            : "needs tls-server-end-point binding data that could not be computed"));
        }
        throw new AuthenticationException("None of the server's SASL mechanisms " + offered
                + " is supported; walstream supports " + SCRAM_SHA_256 + " and " + SCRAM_SHA_256_PLUS
                + " (check the pg_hba.conf method for this user)");
    }

    /** @return whether this is SCRAM-SHA-256-PLUS */
    public boolean isPlus() {
        return bindingType == ChannelBinding.Type.TLS_SERVER_END_POINT;
    }
}
