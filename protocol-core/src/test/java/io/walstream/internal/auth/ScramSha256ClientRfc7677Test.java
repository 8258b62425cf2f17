package io.walstream.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The RFC 7677 section 3 example, reproduced byte for byte, and the client's lifecycle. */
class ScramSha256ClientRfc7677Test {
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    static ScramSha256Client rfcClient() {
        return ScramSha256Client.builder(ascii("pencil")).userName("user").clientNonce(CLIENT_NONCE).build();
    }

    @Test
    void reproducesTheRfc7677ExampleExactly() {
        ScramSha256Client client = rfcClient();

        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", text(client.clientFirstMessage()));
        assertEquals(CLIENT_FINAL, text(client.clientFinalMessage(ascii(SERVER_FIRST))));
        client.verifyServerFinal(ascii(SERVER_FINAL));

        assertTrue(client.isComplete());
    }

    @Test
    void isCompleteOnlyAfterTheServerSignatureIsVerified() {
        ScramSha256Client client = rfcClient();
        assertFalse(client.isComplete());

        client.clientFirstMessage();
        assertFalse(client.isComplete());

        client.clientFinalMessage(ascii(SERVER_FIRST));
        assertFalse(client.isComplete(), "AuthenticationOk must be refused before SASLFinal is verified");

        client.verifyServerFinal(ascii(SERVER_FINAL));
        assertTrue(client.isComplete());
    }

    @Test
    void sendsAnEmptyUserAndAnEighteenByteBase64NonceLikeLibpq() {
        byte[] raw = new byte[18];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 13 + 1);
        }
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(raw, 0, bytes, 0, bytes.length);
            }
        };
        ScramSha256Client client = ScramSha256Client.builder(ascii("pencil")).random(fixed).build();

        String first = text(client.clientFirstMessage());

        assertEquals("n,,n=,r=" + Base64.getEncoder().encodeToString(raw), first);
        assertEquals(24, first.length() - "n,,n=,r=".length());
    }

    @Test
    void defaultNoncesDiffer() {
        String a = text(new ScramSha256Client(ascii("pw"), ChannelBinding.none()).clientFirstMessage());
        String b = text(new ScramSha256Client(ascii("pw"), ChannelBinding.none()).clientFirstMessage());

        assertTrue(a.matches("n,,n=,r=[A-Za-z0-9+/]{24}"), a);
        assertFalse(a.equals(b));
    }

    @Test
    void escapesEqualsAndCommaInTheUserName() {
        ScramSha256Client client = ScramSha256Client.builder(ascii("pw")).userName("a=b,c").clientNonce("N").build();

        assertEquals("n,,n=a=3Db=2Cc,r=N", text(client.clientFirstMessage()));
    }

    @Test
    void appliesSaslPrepToThePassword() throws Exception {
        // "I\u00ADX" prepares to "IX"; the test server knows only "IX"
        ScramTestServer server = new ScramTestServer("IX", 16);
        ScramSha256Client client = ScramSha256Client.builder("I\u00ADX".getBytes(StandardCharsets.UTF_8)).build();

        byte[] serverFirst = server.serverFirst(client.clientFirstMessage(), "n,,", "srv");
        client.verifyServerFinal(server.serverFinal(client.clientFinalMessage(serverFirst)));

        assertTrue(client.isComplete());
    }

    @Test
    void leavesTheCallersPasswordUntouched() {
        byte[] password = ascii("pencil");
        ScramSha256Client client = ScramSha256Client.builder(password).userName("user").clientNonce(CLIENT_NONCE).build();

        client.clientFirstMessage();
        client.clientFinalMessage(ascii(SERVER_FIRST));

        assertArrayEquals(ascii("pencil"), password);
    }

    @Test
    void rejectsAnEmptyPassword() {
        assertThrows(AuthenticationException.class, () -> ScramSha256Client.builder(new byte[0]).build());
    }

    @Test
    void refusesCallsOutOfOrder() {
        ScramSha256Client client = rfcClient();
        assertThrows(IllegalStateException.class, () -> client.clientFinalMessage(ascii(SERVER_FIRST)));
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal(ascii(SERVER_FINAL)));

        client.clientFirstMessage();
        assertThrows(IllegalStateException.class, client::clientFirstMessage);
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal(ascii(SERVER_FINAL)));

        client.clientFinalMessage(ascii(SERVER_FIRST));
        assertThrows(IllegalStateException.class, () -> client.clientFinalMessage(ascii(SERVER_FIRST)));

        client.verifyServerFinal(ascii(SERVER_FINAL));
        assertThrows(IllegalStateException.class, () -> client.verifyServerFinal(ascii(SERVER_FINAL)));
        assertTrue(client.isComplete());
    }

    @Test
    void namesTheMechanismFromTheChannelBinding() {
        assertEquals("SCRAM-SHA-256", new ScramSha256Client(ascii("pw"), ChannelBinding.none()).mechanism());
        assertEquals("SCRAM-SHA-256", new ScramSha256Client(ascii("pw"), ChannelBinding.notOfferedByServer()).mechanism());
        assertEquals("SCRAM-SHA-256-PLUS",
                new ScramSha256Client(ascii("pw"), ChannelBinding.tlsServerEndPoint(new byte[32])).mechanism());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
