package io.walstream.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A NUL cannot be sent inside a protocol string; the rejection never quotes the value. */
class FrontendNulRejectionTest {

    private static final String SECRET = "s3cret\0x";

    private static void assertRejectedWithoutValue(Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void password() {
        assertRejectedWithoutValue(() -> FrontendMessages.password(SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void startupParameterValue() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        params.put("options", SECRET);
        assertRejectedWithoutValue(() -> FrontendMessages.startup(params));
    }

    @Test
    void startupParameterName() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        params.put(SECRET, "v");
        assertRejectedWithoutValue(() -> FrontendMessages.startup(params));
    }

    @Test
    void query() {
        assertRejectedWithoutValue(() -> FrontendMessages.query("ALTER ROLE r PASSWORD '" + SECRET + "'"));
    }

    @Test
    void saslMechanism() {
        assertRejectedWithoutValue(() -> FrontendMessages.saslInitialResponse(SECRET, null));
    }

    @Test
    void copyFailReason() {
        assertRejectedWithoutValue(() -> FrontendMessages.copyFail(SECRET));
    }
}
