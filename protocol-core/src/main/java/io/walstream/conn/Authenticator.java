package io.walstream.conn;

import io.walstream.AuthenticationException;
import io.walstream.codec.AuthenticationRequest;
import io.walstream.codec.FrontendMessages;
import io.walstream.internal.auth.ChannelBinding;
import io.walstream.internal.auth.ChannelBindingMode;
import io.walstream.internal.auth.Md5Password;
import io.walstream.internal.auth.ScramMechanismChoice;
import io.walstream.internal.auth.ScramSha256Client;
import io.walstream.spi.TlsSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers the server's Authentication requests during startup: cleartext password, MD5 and SCRAM-SHA-256.
 * GSSAPI, SSPI and Kerberos fail with a message naming the method. Refuses an AuthenticationOk that skips a
 * started SCRAM exchange's server signature, and any non-channel-bound success under
 * {@code channel_binding=require}. Never logs or throws the password.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per connection attempt.
 */
final class Authenticator {

    private final String user;
    private final Supplier<byte[]> password;
    private final ChannelBindingMode channelBinding;
    private final String where;
    private final TlsSession tls;
    private ScramSha256Client scram;
    private boolean channelBound;

    /**
     * @param user the startup user name
     * @param password supplies the password bytes (a fresh array the caller may wipe) or {@code null} if none
     * @param channelBinding the {@code channel_binding} setting
     * @param where the endpoint, for messages
     */
    Authenticator(String user, Supplier<byte[]> password, ChannelBindingMode channelBinding, String where) {
        this(user, password, channelBinding, where, null);
    }

    /**
     * @param tls the TLS session the connection runs over (its {@code tls-server-end-point} data is the
     *        SCRAM-SHA-256-PLUS binding), or {@code null} for plain text
     */
    Authenticator(String user, Supplier<byte[]> password, ChannelBindingMode channelBinding, String where,
                  TlsSession tls) {
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.channelBinding = channelBinding;
        this.where = where;
    }

    /**
     * @param request the Authentication message
     * @param send writes a message to the server
     * @return {@code true} once authentication succeeded (AuthenticationOk accepted)
     */
    boolean handle(AuthenticationRequest request, Consumer<ByteBuffer> send) {
        switch (request.code()) {
            case AuthenticationRequest.OK:
                if (scram != null && !scram.isComplete()) {
                    throw new AuthenticationException("The server at " + where + " reported success before proving it"
                            + " knows the password (SCRAM server signature missing); refusing the connection");
                }
                if (channelBinding == ChannelBindingMode.REQUIRE && !channelBound) {
                    throw new AuthenticationException("channel_binding=require, but the server at " + where
                            + " authenticated without channel binding");
                }
                return true;
            case AuthenticationRequest.CLEARTEXT_PASSWORD: {
                requireNoChannelBinding("password");
                byte[] pw = requirePassword("password");
                try {
                    send.accept(FrontendMessages.password(pw));
                } finally {
                    Arrays.fill(pw, (byte) 0);
                }
                return false;
            }
            case AuthenticationRequest.MD5_PASSWORD: {
                requireNoChannelBinding("md5");
                byte[] salt = request.data();
                if (salt.length != 4) {
                    throw new AuthenticationException("The server at " + where + " sent an MD5 salt of " + salt.length
                            + " bytes instead of 4");
                }
                byte[] pw = requirePassword("md5");
                byte[] hashed = Md5Password.encode(pw, user, salt);
                Arrays.fill(pw, (byte) 0);
                send.accept(FrontendMessages.password(hashed));
                return false;
            }
            case AuthenticationRequest.SASL: {
                List<String> mechanisms = mechanisms(request.data());
                byte[] bindingData = tls == null ? null : tls.tlsServerEndPoint();
                ScramMechanismChoice choice = ScramMechanismChoice.choose(mechanisms, tls != null,
                        bindingData != null, channelBinding);
                byte[] pw = requirePassword("SASL " + choice.mechanism());
                try {
                    scram = ScramSha256Client.builder(pw)
                            .channelBinding(ChannelBinding.of(choice.bindingType(), bindingData)).build();
                } finally {
                    Arrays.fill(pw, (byte) 0);
                }
                channelBound = choice.isPlus();
                send.accept(FrontendMessages.saslInitialResponse(scram.mechanism(), scram.clientFirstMessage()));
                return false;
            }
            case AuthenticationRequest.SASL_CONTINUE: {
                requireScram("SASLContinue");
                byte[] clientFinal = scram.clientFinalMessage(request.data());
                try {
                    send.accept(FrontendMessages.saslResponse(clientFinal));
                } finally {
                    Arrays.fill(clientFinal, (byte) 0);
                }
                return false;
            }
            case AuthenticationRequest.SASL_FINAL:
                requireScram("SASLFinal");
                scram.verifyServerFinal(request.data());
                return false;
            default:
                throw new AuthenticationException("The server at " + where + " requested " + request.methodName()
                        + " authentication, which walstream does not support; configure pg_hba.conf for"
                        + " scram-sha-256 (recommended), md5 or password for this user");
        }
    }

    private void requireScram(String step) {
        if (scram == null) {
            throw new AuthenticationException("The server at " + where + " sent " + step
                    + " without starting SASL authentication");
        }
    }

    private void requireNoChannelBinding(String method) {
        if (channelBinding == ChannelBindingMode.REQUIRE) {
            throw new AuthenticationException("channel_binding=require, but the server at " + where + " requested "
                    + method + " authentication, which cannot be channel-bound");
        }
    }

    private byte[] requirePassword(String method) {
        byte[] pw = password.get();
        if (pw == null) {
            throw new AuthenticationException("The server at " + where + " requested " + method
                    + " authentication but no password was supplied (set password in the connection string,"
                    + " PGPASSWORD, or a .pgpass entry)");
        }
        return pw;
    }

    private static List<String> mechanisms(byte[] data) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                if (i == start) {
                    break;
                }
                out.add(new String(data, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }
}
