package io.walstream.internal.auth;

import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.SERVER_FIRST;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.ascii;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.rfcClient;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server-final-message must prove the server knows the password; anything else fails. */
class ScramServerFinalTest {

    private static AuthenticationException reject(String serverFinal) {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(ascii(SERVER_FIRST));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.verifyServerFinal(ascii(serverFinal)));
        assertFalse(client.isComplete());
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal(ascii(serverFinal)));
        return e;
    }

    @Test
    void wrongServerSignature() {
        AuthenticationException e = reject("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

        assertTrue(e.getMessage().contains("signature does not match"), e.getMessage());
    }

    @Test
    void truncatedServerSignature() {
        reject("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJR");
    }

    @Test
    void serverErrorCarriesTheErrorText() {
        AuthenticationException e = reject("e=invalid-proof");

        assertTrue(e.getMessage().contains("invalid-proof"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "x=abc",
        "v",
        "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=,x=1",
        "v=!!!notbase64",
        "v=",
    })
    void anythingElseIsRejected(String serverFinal) {
        reject(serverFinal);
    }

    @Test
    void emptyServerFinal() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(ascii(SERVER_FIRST));

        assertThrows(AuthenticationException.class, () -> client.verifyServerFinal(new byte[0]));
        assertFalse(client.isComplete());
    }
}
