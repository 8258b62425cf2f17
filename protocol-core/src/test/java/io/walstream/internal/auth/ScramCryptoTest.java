package io.walstream.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScramCryptoTest {

    /** PBKDF2-HMAC-SHA256 vectors; also: python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 4096).hex())". */
    @ParameterizedTest(name = "[{index}] c={2}")
    @CsvSource({
        "password, salt, 1,    120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
        "password, salt, 2,    ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43",
        "password, salt, 4096, c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
    })
    void hiMatchesKnownPbkdf2Vectors(String password, String salt, int iterations, String expectedHex) {
        byte[] actual = ScramCrypto.hi(ascii(password), ascii(salt), iterations);

        assertEquals(expectedHex, HexFormat.of().formatHex(actual));
    }

    @ParameterizedTest(name = "[{index}] c={0}")
    @ValueSource(ints = {1, 3, 17, 4096})
    void hiMatchesTheJdkPbkdf2ForAsciiPasswords(int iterations) throws Exception {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        PBEKeySpec spec = new PBEKeySpec("pencil".toCharArray(), salt, iterations, 256);
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();

        assertArrayEquals(jdk, ScramCrypto.hi(ascii("pencil"), salt, iterations));
    }

    @Test
    void hiUsesRawBytesThatAreNotUtf8() {
        // python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', 'p\u00e4ss'.encode(), b'salt', 3).hex())"
        byte[] utf8 = "p\u00e4ss".getBytes(StandardCharsets.UTF_8);

        assertEquals("ee9f47b51702144eeb1f67e7587509aedd99e9540f3bcc2f158fa383584b2f58",
                HexFormat.of().formatHex(ScramCrypto.hi(utf8, ascii("salt"), 3)));
    }

    @Test
    void hiRejectsNonPositiveIterations() {
        assertThrows(IllegalArgumentException.class, () -> ScramCrypto.hi(ascii("p"), ascii("s"), 0));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
