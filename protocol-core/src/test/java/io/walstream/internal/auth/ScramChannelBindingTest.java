package io.walstream.internal.auth;

import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.ascii;
import static io.walstream.internal.auth.ScramSha256ClientRfc7677Test.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The GS2 header in client-first and the {@code c=} attribute in client-final, per binding type. */
class ScramChannelBindingTest {
    private static final byte[] CERT_HASH = new byte[32];

    static {
        for (int i = 0; i < CERT_HASH.length; i++) {
            CERT_HASH[i] = (byte) i;
        }
    }

    static Stream<Arguments> bindings() {
        return Stream.of(
                Arguments.of(ChannelBinding.none(), "n,,", "biws"),
                Arguments.of(ChannelBinding.notOfferedByServer(), "y,,", "eSws"),
                // python3 -c "import base64; print(base64.b64encode(b'p=tls-server-end-point,,'+bytes(range(32))))"
                Arguments.of(ChannelBinding.tlsServerEndPoint(CERT_HASH), "p=tls-server-end-point,,",
                        "cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("bindings")
    void headerAndCbindAttribute(ChannelBinding binding, String gs2, String expectedC) throws Exception {
        ScramTestServer server = new ScramTestServer("pencil", 4096);
        ScramSha256Client client = ScramSha256Client.builder(ascii("pencil")).channelBinding(binding).build();

        byte[] first = client.clientFirstMessage();
        assertTrue(text(first).startsWith(gs2 + "n=,r="), text(first));

        byte[] clientFinal = client.clientFinalMessage(server.serverFirst(first, gs2, "srv"));
        assertTrue(text(clientFinal).startsWith("c=" + expectedC + ",r="), text(clientFinal));

        client.verifyServerFinal(server.serverFinal(clientFinal));
        assertTrue(client.isComplete());
    }

    @Test
    void ofMapsTypesAndCopiesData() {
        byte[] data = CERT_HASH.clone();
        ChannelBinding plus = ChannelBinding.of(ChannelBinding.Type.TLS_SERVER_END_POINT, data);
        data[0] = 99;

        assertArrayEquals(CERT_HASH, plus.data());
        assertSame(ChannelBinding.none(), ChannelBinding.of(ChannelBinding.Type.NONE, null));
        assertSame(ChannelBinding.notOfferedByServer(), ChannelBinding.of(ChannelBinding.Type.NOT_OFFERED_BY_SERVER, null));
        assertEquals("ChannelBinding[p=tls-server-end-point,, 32 bytes]", plus.toString());
        assertThrows(IllegalArgumentException.class, () -> ChannelBinding.of(ChannelBinding.Type.TLS_SERVER_END_POINT, null));
        assertThrows(IllegalArgumentException.class, () -> ChannelBinding.tlsServerEndPoint(new byte[0]));
    }
}
