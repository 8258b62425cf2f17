package io.walstream.internal.auth;

import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.CLIENT_NONCE;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.ascii;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or malformed server-first-messages are rejected before any key derivation. */
class ScramServerFirstValidationTest {
    private static final String NONCE = CLIENT_NONCE + "srvpart";
    private static final String SALT = "s=W22ZaJ0SNY7soEsUEjb6gQ==";

    private static AuthenticationException reject(String serverFirst) {
        return reject(ScramSha256Client.builder(ascii("pencil")).clientNonce(CLIENT_NONCE), ascii(serverFirst));
    }

    private static AuthenticationException reject(ScramSha256Client.Builder builder, byte[] serverFirst) {
        ScramSha256Client client = builder.clientNonce(CLIENT_NONCE).build();
        client.clientFirstMessage();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client.clientFinalMessage(serverFirst));
        assertFalse(client.isComplete());
        assertThrows(IllegalStateException.class, () -> client.clientFinalMessage(serverFirst),
                "a failed client must not be reused");
        assertFalse(e.isTransient());
        return e;
    }

    private static void assertMessageContains(AuthenticationException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void nonceThatDoesNotStartWithTheClientNonce() {
        assertMessageContains(reject("r=XOprNGfwEbeRWgbNEkqOsrv," + SALT + ",i=4096"), "nonce");
    }

    @Test
    void nonceWithoutAServerPart() {
        assertMessageContains(reject("r=" + CLIENT_NONCE + "," + SALT + ",i=4096"), "nonce");
    }

    @Test
    void truncatedClientNonce() {
        assertMessageContains(reject("r=rOprNGfw," + SALT + ",i=4096"), "nonce");
    }

    @Test
    void missingSalt() {
        assertMessageContains(reject("r=" + NONCE + ",i=4096"), "r, s, i", "[r, i]");
    }

    @Test
    void reorderedAttributes() {
        assertMessageContains(reject("r=" + NONCE + ",i=4096," + SALT), "r, s, i", "[r, i, s]");
        assertMessageContains(reject(SALT + ",r=" + NONCE + ",i=4096"), "r, s, i");
    }

    @Test
    void mandatoryExtension() {
        assertMessageContains(reject("m=ext,r=" + NONCE + "," + SALT + ",i=4096"), "m=");
    }

    @Test
    void attributeAfterIterationCount() {
        assertMessageContains(reject("r=" + NONCE + "," + SALT + ",i=4096,x=1"), "after i=", "[x]");
    }

    @Test
    void iterationCountAboveTheDefaultCapIsRejectedBeforeAnyHashing() {
        AuthenticationException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> reject("r=" + NONCE + "," + SALT + ",i=2147483647"));

        assertMessageContains(e, "2147483647", "100000");
    }

    @Test
    void iterationCountAboveAConfiguredCap() {
        AuthenticationException e = reject(ScramSha256Client.builder(ascii("pencil")).maxIterations(1000),
                ascii("r=" + NONCE + "," + SALT + ",i=1001"));

        assertMessageContains(e, "1001", "1000");
    }

    @Test
    void iterationCountThatOverflowsALong() {
        AuthenticationException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> reject("r=" + NONCE + "," + SALT + ",i=99999999999999999999999999"));

        assertMessageContains(e, "limit");
    }

    @ParameterizedTest(name = "[{index}] i={0}")
    @ValueSource(strings = {"0", "-1", "-4096", "+4096", "4k", "", " 4096", "0x10"})
    void iterationCountThatIsNotPositive(String count) {
        assertMessageContains(reject("r=" + NONCE + "," + SALT + ",i=" + count), "iteration count");
    }

    @ParameterizedTest(name = "[{index}] s={0}")
    @ValueSource(strings = {"***", "W22ZaJ0SNY7soEsUEjb6gQ=x", "W22Z a", ""})
    void saltThatIsNotBase64OrEmpty(String salt) {
        assertMessageContains(reject("r=" + NONCE + ",s=" + salt + ",i=4096"), "salt");
    }

    @Test
    void nonPrintableByteOrEmptyMessage() {
        byte[] withNul = ascii("r=" + NONCE + "," + SALT + ",i=4096");
        withNul[5] = 0;

        assertMessageContains(reject(ScramSha256Client.builder(ascii("pencil")), withNul), "0x00", "index 5");
        assertMessageContains(reject(ScramSha256Client.builder(ascii("pencil")), new byte[0]), "empty");
    }
}
