package io.walstream.conn;

import static io.walstream.conn.TestEnv.parse;
import static io.walstream.conn.TestEnv.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.ConnectionStringException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keyword/value connection strings, table-driven; the OS user is {@code osuser}, the environment empty. */
class KeywordValueParsingTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("", "[localhost:5432] user=osuser db=osuser pw=-"),
                Arguments.of("   ", "[localhost:5432] user=osuser db=osuser pw=-"),
                Arguments.of("host=db1 port=5432 dbname=app user=repl password='p w\\'d'",
                        "[db1:5432] user=repl db=app pw=p w'd"),
                Arguments.of("host = db1   port= 5433 ", "[db1:5433] user=osuser db=osuser pw=-"),
                Arguments.of("host=h\tport=1\ndbname=d\r\fuser=u", "[h:1] user=u db=d pw=-"),
                Arguments.of("password='a\\\\b'", "[localhost:5432] user=osuser db=osuser pw=a\\b"),
                Arguments.of("password=a\\ b", "[localhost:5432] user=osuser db=osuser pw=a b"),
                Arguments.of("password=it's", "[localhost:5432] user=osuser db=osuser pw=it's"),
                Arguments.of("password='' dbname=''", "[localhost:5432] user=osuser db=osuser pw="),
                Arguments.of("dbname='x'host=h", "[h:5432] user=osuser db=x pw=-"),
                Arguments.of("user=a user=b", "[localhost:5432] user=b db=b pw=-"),
                Arguments.of("dbname=my/db host=/tmp", "[/tmp:5432] user=osuser db=my/db pw=-"),
                Arguments.of("dbname=a%2Fb", "[localhost:5432] user=osuser db=a%2Fb pw=-"),
                // host/hostaddr/port lists are paired by position; one port applies to all hosts
                Arguments.of("host=a,b,c port=1,2,3", "[a:1, b:2, c:3] user=osuser db=osuser pw=-"),
                Arguments.of("host=a,b port=7", "[a:7, b:7] user=osuser db=osuser pw=-"),
                Arguments.of("host=a,,c", "[a:5432, localhost:5432, c:5432] user=osuser db=osuser pw=-"),
                Arguments.of("host=a,b port=1,", "[a:1, b:5432] user=osuser db=osuser pw=-"),
                Arguments.of("host=a hostaddr=10.0.0.1", "[a(10.0.0.1):5432] user=osuser db=osuser pw=-"),
                Arguments.of("hostaddr=10.0.0.1,10.0.0.2 host=x, port=1,2",
                        "[x(10.0.0.1):1, (10.0.0.2):2] user=osuser db=osuser pw=-"),
                Arguments.of("hostaddr=::1", "[(::1):5432] user=osuser db=osuser pw=-"),
                Arguments.of("host=::1 port=6543", "[[::1]:6543] user=osuser db=osuser pw=-"),
                Arguments.of("port=' 5433 '", "[localhost:5433] user=osuser db=osuser pw=-"));
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @MethodSource("valid")
    void parses(String s, String expected) {
        assertEquals(expected, summary(parse(s)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("foo=bar", "invalid connection option \"foo\""),
                Arguments.of("host=h sslmdoe=require", "invalid connection option \"sslmdoe\""),
                Arguments.of("=x", "invalid connection option \"\""),
                Arguments.of("ssl=true", "invalid connection option \"ssl\""),
                Arguments.of("host", "missing \"=\" after \"host\" in connection info string"),
                Arguments.of("host=h port", "missing \"=\" after \"port\" in connection info string"),
                Arguments.of("host h", "missing \"=\" after \"host\" in connection info string"),
                Arguments.of("password='abc", "unterminated quoted string in connection info string"),
                Arguments.of("password='abc\\'", "unterminated quoted string in connection info string"),
                Arguments.of("host='a b", "unterminated quoted string in connection info string"),
                Arguments.of("host=a,b port=1,2,3", "could not match 3 port numbers to 2 hosts"),
                Arguments.of("host=a,b hostaddr=1.1.1.1", "could not match 2 host names to 1 hostaddr values"),
                Arguments.of("port=x", "invalid integer value \"x\" for connection option \"port\""),
                Arguments.of("port=99999", "invalid port number: \"99999\""),
                Arguments.of("connect_timeout=abc", "invalid integer value \"abc\" for connection option \"connect_timeout\""),
                Arguments.of("connect_timeout=''", "invalid integer value \"\" for connection option \"connect_timeout\""),
                Arguments.of("sslmode=verify", "invalid sslmode value: \"verify\""),
                Arguments.of("sslmode=Require", "invalid sslmode value: \"Require\""),
                Arguments.of("target_session_attrs=readwrite", "invalid target_session_attrs value: \"readwrite\""),
                Arguments.of("replication=maybe",
                        "invalid replication value: \"maybe\"; valid values are false, 0, true, 1, database"),
                Arguments.of("channel_binding=yes", "invalid channel_binding value: \"yes\""),
                Arguments.of("gssencmode=always", "invalid gssencmode value: \"always\""),
                Arguments.of("load_balance_hosts=yes", "invalid load_balance_hosts value: \"yes\""),
                Arguments.of("sslcertmode=never", "invalid sslcertmode value: \"never\""),
                Arguments.of("sslnegotiation=tls", "invalid sslnegotiation value: \"tls\""),
                Arguments.of("sslnegotiation=direct", "weak sslmode \"prefer\" may not be used with sslnegotiation=direct"
                        + " (use \"require\", \"verify-ca\", or \"verify-full\")"),
                Arguments.of("sslrootcert=system sslmode=require",
                        "weak sslmode \"require\" may not be used with sslrootcert=system (use \"verify-full\")"),
                Arguments.of("ssl_min_protocol_version=TLSv1.4", "invalid ssl_min_protocol_version value: \"TLSv1.4\""),
                Arguments.of("ssl_max_protocol_version=TLSv1.1", "invalid SSL protocol version range: "
                        + "ssl_min_protocol_version TLSv1.2 is above ssl_max_protocol_version TLSv1.1"),
                Arguments.of("service=mydb", "connection service files are not supported (service=\"mydb\", from the"
                        + " string or PGSERVICE); give the settings in the connection string or PG* environment"
                        + " variables instead"));
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @MethodSource("invalid")
    void rejects(String s, String message) {
        assertEquals(message, assertThrows(ConnectionStringException.class, () -> parse(s)).getMessage());
    }

    @Test
    void nulIsRejected() {
        assertThrows(ConnectionStringException.class, () -> parse("host=a\0b"));
    }

    @Test
    void requiresslIsTranslatedToSslmode() {
        assertEquals(SslMode.REQUIRE, parse("requiressl=1").sslMode());
        assertEquals(SslMode.PREFER, parse("requiressl=0").sslMode());
        assertEquals(SslMode.DISABLE, parse("requiressl=1 sslmode=disable").sslMode());
    }

    @Test
    void quotedOptionsKeepTheirSpaces() {
        ConnectionConfig c = parse("options='-c wal_sender_timeout=0 -c statement_timeout=0'");
        assertEquals("-c wal_sender_timeout=0 -c statement_timeout=0", c.options());
        assertEquals("-c\\ a", parse("options='-c\\\\ a'").options());
    }

    @Test
    void tlsKeysAreStoredRaw() {
        ConnectionConfig c = parse("sslmode=verify-ca sslrootcert=/ca.pem sslcert=/c.pem sslkey=/k.pem"
                + " sslpassword=kp sslnegotiation=direct channel_binding=require sslsni=0 sslcrl=/crl.pem"
                + " sslcrldir=/crls ssl_min_protocol_version=tlsv1.3 ssl_max_protocol_version=TLSv1.3"
                + " sslcertmode=require sslkeylogfile=/tmp/keys");
        assertEquals(SslMode.VERIFY_CA, c.sslMode());
        assertEquals(Optional.of("/ca.pem"), c.sslRootCert());
        assertEquals(Optional.of("/c.pem"), c.sslCert());
        assertEquals(Optional.of("/k.pem"), c.sslKey());
        assertEquals("kp", new String(c.sslPassword().orElseThrow()));
        assertEquals("direct", c.sslNegotiation());
        assertEquals("require", c.channelBinding());
        assertEquals(Optional.of("0"), c.rawValue("sslsni"));
        assertEquals(Optional.of("/crl.pem"), c.rawValue("sslcrl"));
        assertEquals(Optional.of("/crls"), c.rawValue("sslcrldir"));
        assertEquals(Optional.of("tlsv1.3"), c.rawValue("ssl_min_protocol_version"));
        assertEquals(Optional.of("TLSv1.3"), c.rawValue("ssl_max_protocol_version"));
        assertEquals(Optional.of("require"), c.rawValue("sslcertmode"));
    }

    @Test
    void otherLibpqKeywordsAreAcceptedAndStored() {
        ConnectionConfig c = parse("keepalives=1 keepalives_idle=30 keepalives_interval=5 keepalives_count=3"
                + " tcp_user_timeout=9000 gssencmode=disable krbsrvname=postgres gsslib=gssapi gssdelegation=0"
                + " require_auth=scram-sha-256 load_balance_hosts=random client_encoding=UTF8"
                + " fallback_application_name=fb requirepeer=postgres sslcompression=0"
                + " min_protocol_version=3.0 max_protocol_version=latest oauth_issuer=https://i oauth_client_id=c"
                + " oauth_scope=s oauth_client_secret=cs scram_client_key=ck scram_server_key=sk");
        assertEquals(Optional.of("30"), c.rawValue("keepalives_idle"));
        assertEquals(Optional.of("scram-sha-256"), c.rawValue("require_auth"));
        assertEquals(Optional.of("random"), c.rawValue("load_balance_hosts"));
        assertEquals(Optional.of("UTF8"), c.rawValue("client_encoding"));
        assertEquals(Optional.of("latest"), c.rawValue("max_protocol_version"));
        assertEquals(Optional.of("fb"), c.applicationName());
        assertEquals("cs", new String(c.secret("oauth_client_secret").orElseThrow()));
        assertEquals(Optional.empty(), c.rawValue("sslcert"));
        assertThrows(IllegalArgumentException.class, () -> c.rawValue("password"));
        assertThrows(IllegalArgumentException.class, () -> c.rawValue("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> c.secret("host"));
    }
}
