package io.walstream.codec;

import static io.walstream.codec.Wire.ascii;
import static io.walstream.codec.Wire.bytes;
import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Query, CopyData, CopyDone, CopyFail and Terminate. */
class FrontendQueryAndCopyMessagesTest {

    @Test
    void queryBytes() {
        assertArrayEquals(concat(hex("51 0000000d"), ascii("SELECT 1\0")), bytes(FrontendMessages.query("SELECT 1")));
    }

    @Test
    void queryIsUtf8() {
        byte[] sql = "SELECT '\u00e9'".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = FrontendMessages.query("SELECT '\u00e9'");

        assertEquals(4 + sql.length + 1, b.getInt(1));
    }

    @Test
    void copyDataFromArray() {
        assertArrayEquals(concat(hex("64 0000000f"), ascii("hello world")),
                bytes(FrontendMessages.copyData(ascii("hello world"))));
    }

    @Test
    void copyDataFromBufferSendsRemainingAndLeavesPosition() {
        ByteBuffer payload = ByteBuffer.wrap(ascii("xxabcx"));
        payload.position(2).limit(5);

        ByteBuffer b = FrontendMessages.copyData(payload);

        assertArrayEquals(concat(hex("64 00000007"), ascii("abc")), bytes(b));
        assertEquals(2, payload.position());
        assertEquals(5, payload.limit());
    }

    @Test
    void emptyCopyDataHasLengthFour() {
        assertArrayEquals(hex("64 00000004"), bytes(FrontendMessages.copyData(new byte[0])));
        assertArrayEquals(hex("64 00000004"), bytes(FrontendMessages.copyData(ByteBuffer.allocate(0))));
    }

    @Test
    void copyDoneBytes() {
        assertArrayEquals(hex("63 00 00 00 04"), bytes(FrontendMessages.copyDone()));
    }

    @Test
    void copyFailBytes() {
        assertArrayEquals(concat(hex("66 00000009"), ascii("oops\0")), bytes(FrontendMessages.copyFail("oops")));
    }

    @Test
    void terminateBytes() {
        assertArrayEquals(hex("58 00000004"), bytes(FrontendMessages.terminate()));
    }

    @Test
    void everyMessageStartsAtPositionZero() {
        for (ByteBuffer b : new ByteBuffer[] {FrontendMessages.terminate(), FrontendMessages.copyDone(),
                FrontendMessages.query("x"), FrontendMessages.sslRequest()}) {
            assertEquals(0, b.position());
            assertEquals(b.capacity(), b.limit());
        }
    }
}
