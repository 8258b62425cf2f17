package io.walstream.internal.auth;

import static io.walstream.internal.auth.ChannelBindingMode.DISABLE;
import static io.walstream.internal.auth.ChannelBindingMode.PREFER;
import static io.walstream.internal.auth.ChannelBindingMode.REQUIRE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The libpq mechanism / GS2 flag table from spec/frontend-backend.md section 4.2. */
class ScramMechanismChoiceTest {
    private static final List<String> PLAIN = List.of("SCRAM-SHA-256");
    private static final List<String> BOTH = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");

    @ParameterizedTest(name = "[{index}] tls={0} offered={1} data={2} {3} -> {4} {5}")
    @CsvSource({
        "false, PLAIN, false, DISABLE, SCRAM-SHA-256,      NONE",
        "false, PLAIN, false, PREFER,  SCRAM-SHA-256,      NONE",
        "true,  BOTH,  true,  PREFER,  SCRAM-SHA-256-PLUS, TLS_SERVER_END_POINT",
        "true,  BOTH,  true,  REQUIRE, SCRAM-SHA-256-PLUS, TLS_SERVER_END_POINT",
        "true,  BOTH,  true,  DISABLE, SCRAM-SHA-256,      NONE",
        "true,  PLAIN, true,  PREFER,  SCRAM-SHA-256,      NOT_OFFERED_BY_SERVER",
        "true,  PLAIN, false, PREFER,  SCRAM-SHA-256,      NOT_OFFERED_BY_SERVER",
        "true,  PLAIN, true,  DISABLE, SCRAM-SHA-256,      NONE",
        "true,  BOTH,  false, PREFER,  SCRAM-SHA-256,      NONE",
    })
    void followsTheLibpqTable(boolean tls, String offered, boolean data, ChannelBindingMode mode,
            String mechanism, ChannelBinding.Type type) {
        ScramMechanismChoice choice = ScramMechanismChoice.choose(list(offered), tls, data, mode);

        assertEquals(new ScramMechanismChoice(mechanism, type), choice);
        assertEquals(type == ChannelBinding.Type.TLS_SERVER_END_POINT, choice.isPlus());
    }

    @ParameterizedTest(name = "[{index}] tls={0} offered={1} data={2}")
    @CsvSource({
        "false, PLAIN, false, TLS",
        "true,  PLAIN, true,  SCRAM-SHA-256]",
        "true,  BOTH,  false, binding data",
    })
    void requireFailsWithoutUsablePlus(boolean tls, String offered, boolean data, String expected) {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ScramMechanismChoice.choose(list(offered), tls, data, REQUIRE));

        assertTrue(e.getMessage().contains("channel_binding=require"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void plusOfferedWithoutTlsIsRefusedWhateverTheMode() {
        for (ChannelBindingMode mode : ChannelBindingMode.values()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> ScramMechanismChoice.choose(BOTH, false, false, mode));
            assertTrue(e.getMessage().contains("without TLS"), e.getMessage());
        }
    }

    @Test
    void unsupportedMechanismsAreNamed() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ScramMechanismChoice.choose(List.of("OAUTHBEARER"), true, true, PREFER));

        assertTrue(e.getMessage().contains("[OAUTHBEARER]"), e.getMessage());
    }

    @Test
    void onlyPlusOfferedButDisabled() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ScramMechanismChoice.choose(List.of("SCRAM-SHA-256-PLUS"), true, true, DISABLE));

        assertTrue(e.getMessage().contains("channel_binding=disable"), e.getMessage());
    }

    @Test
    void emptyMechanismList() {
        assertThrows(AuthenticationException.class, () -> ScramMechanismChoice.choose(List.of(), false, false, PREFER));
    }

    @Test
    void parsesConninfoValues() {
        assertEquals(DISABLE, ChannelBindingMode.parse("disable"));
        assertEquals(PREFER, ChannelBindingMode.parse("Prefer"));
        assertEquals(REQUIRE, ChannelBindingMode.parse("REQUIRE"));
        assertThrows(IllegalArgumentException.class, () -> ChannelBindingMode.parse("allow"));
    }

    private static List<String> list(String name) {
        return "BOTH".equals(name) ? BOTH : PLAIN;
    }
}
