package io.walstream.conn;

import static io.walstream.conn.TestEnv.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Typed values: connect_timeout, replication, sslmode, target_session_attrs, application_name. */
class ConnectionValuesTest {

    @ParameterizedTest(name = "connect_timeout={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|-1", "-5|-1", "1|2", "2|2", "10|10", "' 7 '|7", "+3|3"})
    void connectTimeoutFollowsLibpq(String value, long seconds) {
        Optional<Duration> expected = seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        assertEquals(expected, parse("connect_timeout=" + value).connectTimeout());
    }

    @Test
    void connectTimeoutUnsetMeansNone() {
        assertEquals(Optional.empty(), parse("").connectTimeout());
    }

    @ParameterizedTest(name = "replication={0}")
    @CsvSource(delimiter = '|', value = {
        "false|NONE", "off|NONE", "no|NONE", "0|NONE", "FALSE|NONE", "f|NONE", "of|NONE", "''|NONE",
        "true|PHYSICAL", "on|PHYSICAL", "yes|PHYSICAL", "1|PHYSICAL", "TRUE|PHYSICAL", "t|PHYSICAL", "ye|PHYSICAL",
        "database|DATABASE", "DATABASE|DATABASE"})
    void replicationValues(String value, ReplicationMode expected) {
        assertEquals(expected, parse("replication=" + value).replication());
    }

    @Test
    void replicationStartupValues() {
        assertEquals(Optional.empty(), ReplicationMode.NONE.startupValue());
        assertEquals(Optional.of("true"), ReplicationMode.PHYSICAL.startupValue());
        assertEquals(Optional.of("database"), ReplicationMode.DATABASE.startupValue());
        assertEquals(ReplicationMode.NONE, parse("").replication());
    }

    @ParameterizedTest
    @EnumSource(SslMode.class)
    void everySslmodeKeywordParses(SslMode mode) {
        assertEquals(mode, parse("sslmode=" + mode.keyword()).sslMode());
    }

    @Test
    void sslmodeDefaults() {
        assertEquals(SslMode.PREFER, parse("").sslMode());
        assertEquals(SslMode.VERIFY_FULL, parse("sslrootcert=system").sslMode());
        assertEquals(SslMode.VERIFY_FULL, parse("sslrootcert=system sslmode=verify-full").sslMode());
        assertEquals(SslMode.PREFER, parse("sslrootcert=./system").sslMode());
        assertEquals(SslMode.REQUIRE, parse("sslmode=require sslnegotiation=direct").sslMode());
    }

    @ParameterizedTest
    @EnumSource(TargetSessionAttrs.class)
    void everyTargetSessionAttrsKeywordParses(TargetSessionAttrs t) {
        assertEquals(t, parse("target_session_attrs=" + t.keyword()).targetSessionAttrs());
    }

    @Test
    void targetSessionAttrsDefaultsToAny() {
        assertEquals(TargetSessionAttrs.ANY, parse("").targetSessionAttrs());
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @CsvSource(delimiter = '|', value = {
        "''|-",
        "application_name=a|a",
        "fallback_application_name=fb|fb",
        "application_name=a fallback_application_name=fb|a",
        "application_name='' fallback_application_name=fb|-"})
    void applicationNameAndFallback(String s, String expected) {
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(expected), parse(s).applicationName());
    }

    @Test
    void optionsDefaultsToEmpty() {
        assertEquals("", parse("").options());
    }
}
