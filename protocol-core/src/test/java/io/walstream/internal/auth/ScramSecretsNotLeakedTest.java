package io.walstream.internal.auth;

import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.CLIENT_NONCE;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.SERVER_FIRST;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.ascii;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.AuthenticationException;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No failure message carries the password, the client proof or the server signature. */
class ScramSecretsNotLeakedTest {
    private static final String PASSWORD = "pencil";
    private static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @ParameterizedTest(name = "[{index}] server-first {0}")
    @ValueSource(strings = {
        "r=wrong,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=" + CLIENT_NONCE + "x,s=***,i=4096",
        "r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4k",
        "r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,x=1",
        "m=ext,r=" + CLIENT_NONCE + "x",
    })
    void serverFirstFailures(String serverFirst) {
        assertClean(client -> client.clientFinalMessage(ascii(serverFirst)), false);
    }

    @ParameterizedTest(name = "[{index}] server-final {0}")
    @ValueSource(strings = {"v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", "v=AAAA", "e=invalid-proof", "x=1"})
    void serverFinalFailures(String serverFinal) {
        assertClean(client -> client.verifyServerFinal(ascii(serverFinal)), true);
    }

    private static void assertClean(Consumer<ScramSha256Client> step, boolean sendFinal) {
        ScramSha256Client client = ScramSha256Client.builder(ascii(PASSWORD)).userName("user")
                .clientNonce(CLIENT_NONCE).build();
        client.clientFirstMessage();
        if (sendFinal) {
            client.clientFinalMessage(ascii(SERVER_FIRST));
        }
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> step.accept(client));
        String rendered = String.valueOf(e) + e.getCause();

        assertFalse(rendered.contains(PASSWORD), rendered);
        assertFalse(rendered.contains(PROOF), rendered);
        assertFalse(rendered.contains(SIGNATURE.substring(0, 20)), rendered);
    }
}
