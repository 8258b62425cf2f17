package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionStringException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A distinctive secret never appears in toString(), toConnectionString() or an exception message. */
class SecretRedactionTest {
    private static final String SECRET = "Zq9xSECRETxyzzy";

    static Stream<String> validWithSecrets() {
        return Stream.of(
                "host=h password=" + SECRET,
                "host=h password='" + SECRET + "' sslpassword=" + SECRET,
                "postgresql://u:" + SECRET + "@h/db",
                "postgresql://h/db?password=" + SECRET + "&sslpassword=" + SECRET,
                "scram_client_key=" + SECRET + " scram_server_key=" + SECRET + " oauth_client_secret=" + SECRET);
    }

    @ParameterizedTest
    @MethodSource("validWithSecrets")
    void toStringAndToConnectionStringRedact(String s) {
        ConnectionConfig c = ConnectionConfig.parse(s, TestEnv.empty());
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertFalse(c.toConnectionString().contains(SECRET), c.toConnectionString());
        assertTrue(c.toConnectionString().contains("=<redacted>"), c.toConnectionString());
    }

    @Test
    void passwordFromTheEnvironmentIsRedactedToo() {
        ConnectionConfig c = ConnectionConfig.parse("host=h", TestEnv.vars(Map.of("PGPASSWORD", SECRET)));
        assertFalse(c.toString().contains(SECRET));
        assertTrue(c.toConnectionString().contains("password=<redacted>"), c.toConnectionString());
        assertFalse(Environment.of(Map.of("PGPASSWORD", SECRET), "u", null).toString().contains(SECRET));
    }

    @Test
    void toConnectionStringShowsTheEffectiveValuesAndQuotes() {
        ConnectionConfig c = ConnectionConfig.parse(
                "host=db1,db2 port=5432,5433 user=repl dbname=app password=pw replication=database"
                        + " application_name='my app' options='-c a=b'",
                TestEnv.empty());
        assertEquals("user=repl password=<redacted> dbname=app host=db1,db2 port=5432,5433"
                + " options='-c a=b' application_name='my app' replication=database", c.toConnectionString());
        assertEquals("ConnectionConfig[" + c.toConnectionString() + "]", c.toString());
    }

    @Test
    void quoteEscapesQuotesAndBackslashes() {
        assertEquals("''", ConnectionConfig.quote(""));
        assertEquals("plain", ConnectionConfig.quote("plain"));
        assertEquals("'it\\'s a \\\\ test'", ConnectionConfig.quote("it's a \\ test"));
    }

    static Stream<String> invalidWithSecrets() {
        return Stream.of(
                // keyword/value: an unquoted secret with a space; the rest looks like a keyword
                "host=h password=" + SECRET + " " + SECRET,
                "password=abc " + SECRET + "=x",
                "sslpassword=abc " + SECRET,
                "password='" + SECRET,
                // URI user-info
                "postgresql://u:" + SECRET + "%zz@h",
                "postgresql://u:" + SECRET + "%00@h",
                "postgresql://u:" + SECRET + " " + SECRET + "@h",
                "postgresql://u:" + SECRET + "%C3@h",
                // URI query: a raw '&' inside a password splits it
                "postgresql://h?password=abc&" + SECRET,
                "postgresql://h?password=abc&" + SECRET + "=1",
                "postgresql://h?password=abc&" + SECRET + "=1=2",
                "postgresql://h?password=" + SECRET + "%zz",
                "postgresql://h?sslpassword=" + SECRET + "%00",
                "postgresql://h?password=" + SECRET + " x");
    }

    @ParameterizedTest
    @MethodSource("invalidWithSecrets")
    void errorMessagesNeverEchoASecret(String s) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> ConnectionConfig.parse(s, TestEnv.empty()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(String.valueOf(e).contains(SECRET));
    }
}
