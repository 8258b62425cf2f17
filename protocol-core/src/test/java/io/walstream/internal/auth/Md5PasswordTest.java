package io.walstream.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Md5PasswordTest {
    private static final byte[] SALT = {0x01, 0x02, 0x03, 0x04};

    @Test
    void matchesValueComputedIndependentlyWithPython() {
        // python3 -c "import hashlib; i=hashlib.md5(b'secret'+b'postgres').hexdigest();
        //             print('md5'+hashlib.md5(i.encode()+bytes([1,2,3,4])).hexdigest())"
        byte[] actual = Md5Password.encode(utf8("secret"), "postgres", SALT);

        assertEquals("md5bb41a296aab6baccb36ff243a562abff", new String(actual, StandardCharsets.US_ASCII));
    }

    @Test
    void matchesStepByStepComputation() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String inner = HexFormat.of().formatHex(md5.digest(utf8("secretpostgres")));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(SALT);
        String expected = "md5" + HexFormat.of().formatHex(md5.digest());

        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), Md5Password.encode(utf8("secret"), "postgres", SALT));
    }

    @Test
    void isThirtyFiveLowerCaseAsciiBytes() {
        byte[] actual = Md5Password.encode(utf8("p\u00e4ss"), "\u00fcser", new byte[] {(byte) 0xff, 0, 0x7f, (byte) 0x80});

        assertEquals(35, actual.length);
        assertEquals(true, new String(actual, StandardCharsets.US_ASCII).matches("md5[0-9a-f]{32}"));
    }

    @Test
    void rejectsSaltThatIsNotFourBytes() {
        assertThrows(IllegalArgumentException.class, () -> Md5Password.encode(utf8("x"), "u", new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Md5Password.encode(utf8("x"), "u", new byte[5]));
    }

    @Test
    void doesNotModifyThePassword() {
        byte[] password = utf8("secret");

        Md5Password.encode(password, "postgres", SALT);

        assertArrayEquals(utf8("secret"), password);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
