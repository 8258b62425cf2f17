package io.walstream.codec;

import static io.walstream.codec.Wire.ascii;
import static io.walstream.codec.Wire.bytes;
import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** PasswordMessage, SASLInitialResponse and SASLResponse, all tagged {@code p}. */
class FrontendAuthMessagesTest {

    @Test
    void passwordBytes() {
        assertArrayEquals(concat(hex("70 00000007"), ascii("pw\0")), bytes(FrontendMessages.password(ascii("pw"))));
    }

    @Test
    void saslInitialResponseWithData() {
        byte[] first = ascii("n,,n=,r=abc");

        byte[] got = bytes(FrontendMessages.saslInitialResponse("SCRAM-SHA-256", first));

        // 4 (length) + 14 ("SCRAM-SHA-256\0") + 4 (data length) + 11 (data) = 33
        assertArrayEquals(concat(hex("70 00000021"), ascii("SCRAM-SHA-256\0"), hex("0000000b"), first), got);
    }

    @Test
    void saslInitialResponseWithoutDataSendsMinusOne() {
        byte[] got = bytes(FrontendMessages.saslInitialResponse("SCRAM-SHA-256", null));

        assertArrayEquals(concat(hex("70 00000016"), ascii("SCRAM-SHA-256\0"), hex("ffffffff")), got);
    }

    @Test
    void saslInitialResponseWithEmptyDataSendsZero() {
        byte[] got = bytes(FrontendMessages.saslInitialResponse("PLAIN", new byte[0]));

        assertArrayEquals(concat(hex("70 0000000e"), ascii("PLAIN\0"), hex("00000000")), got);
    }

    @Test
    void saslResponseBytes() {
        byte[] data = ascii("c=biws,r=abc,p=xyz");

        assertArrayEquals(concat(hex("70 00000016"), data), bytes(FrontendMessages.saslResponse(data)));
    }
}
