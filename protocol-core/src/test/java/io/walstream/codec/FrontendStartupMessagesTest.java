package io.walstream.codec;

import static io.walstream.codec.Wire.ascii;
import static io.walstream.codec.Wire.bytes;
import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The untagged packets: StartupMessage, SSLRequest, CancelRequest. */
class FrontendStartupMessagesTest {

    @Test
    void startupMessageBytes() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        params.put("database", "d");

        ByteBuffer b = FrontendMessages.startup(params);

        assertEquals(0, b.position());
        assertArrayEquals(concat(hex("0000001b 00030000"), ascii("user\0u\0database\0d\0"), hex("00")), bytes(b));
    }

    @Test
    void startupKeepsParameterOrderAndProtocolVersion() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("replication", "database");
        params.put("user", "repl");

        ByteBuffer b = FrontendMessages.startup(FrontendMessages.PROTOCOL_3_2, params);

        byte[] body = ascii("replication\0database\0user\0repl\0\0");
        assertEquals(8 + body.length, b.getInt(0));
        assertEquals(196610, b.getInt(4));
        assertArrayEquals(concat(hex("00000028 00030002"), body), bytes(b));
    }

    @Test
    void protocol30Is196608() {
        assertEquals(196608, FrontendMessages.startup(Map.of("user", "x")).getInt(4));
    }

    @Test
    void startupNeedsUser() {
        assertThrows(IllegalArgumentException.class, () -> FrontendMessages.startup(Map.of("database", "d")));
    }

    @Test
    void startupAboveTheServerLimitIsRejected() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        params.put("options", "x".repeat(FrontendMessages.MAX_STARTUP_PACKET_LENGTH));

        assertThrows(IllegalArgumentException.class, () -> FrontendMessages.startup(params));
    }

    @Test
    void sslRequestBytes() {
        assertArrayEquals(hex("00 00 00 08 04 d2 16 2f"), bytes(FrontendMessages.sslRequest()));
    }

    @Test
    void cancelRequestBytes() {
        ByteBuffer b = FrontendMessages.cancelRequest(0x1234, hex("deadbeef"));

        assertArrayEquals(hex("00000010 04d2162e 00001234 deadbeef"), bytes(b));
    }

    @Test
    void cancelRequestAcceptsLongKeysOfProtocol32() {
        byte[] key = new byte[32];
        ByteBuffer b = FrontendMessages.cancelRequest(7, key);

        assertEquals(12 + 32, b.remaining());
        assertEquals(44, b.getInt(0));
        assertThrows(IllegalArgumentException.class, () -> FrontendMessages.cancelRequest(7, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> FrontendMessages.cancelRequest(7, new byte[257]));
    }
}
