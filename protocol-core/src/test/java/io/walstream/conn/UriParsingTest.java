package io.walstream.conn;

import static io.walstream.conn.TestEnv.parse;
import static io.walstream.conn.TestEnv.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionStringException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * URI connection strings, table-driven. Many rows come from libpq's own regression list
 * ({@code src/interfaces/libpq/t/001_uri.pl}); the OS user is {@code osuser} and the environment is empty.
 */
class UriParsingTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("postgresql://uri-user:secret@host:12345/db", "[host:12345] user=uri-user db=db pw=secret"),
                Arguments.of("postgresql://uri-user@host/db", "[host:5432] user=uri-user db=db pw=-"),
                Arguments.of("postgresql://uri-user@", "[localhost:5432] user=uri-user db=uri-user pw=-"),
                Arguments.of("postgresql://host:12345", "[host:12345] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://host", "[host:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://", "[localhost:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgres://", "[localhost:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgres:///", "[localhost:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgres:///db", "[localhost:5432] user=osuser db=db pw=-"),
                Arguments.of("postgresql://host?", "[host:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://%68ost/", "[host:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://host/db?u%73er=someotheruser&port=12345",
                        "[host:12345] user=someotheruser db=db pw=-"),
                Arguments.of("postgresql://host?  user = uri-user & port  = 12345 ",
                        "[host:12345] user=uri-user db=uri-user pw=-"),
                Arguments.of("postgres://@host", "[host:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgres://host:/", "[host:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgres://:12345/", "[localhost:12345] user=osuser db=osuser pw=-"),
                Arguments.of("postgres://otheruser@:12345/db?host=/path/to/socket",
                        "[/path/to/socket:12345] user=otheruser db=db pw=-"),
                Arguments.of("postgres://%2Fvar%2Flib%2Fpostgresql/dbname",
                        "[/var/lib/postgresql:5432] user=osuser db=dbname pw=-"),
                // IPv6 literals with and without a port
                Arguments.of("postgresql://[::1]:12345/db", "[[::1]:12345] user=osuser db=db pw=-"),
                Arguments.of("postgresql://[::1]/db", "[[::1]:5432] user=osuser db=db pw=-"),
                Arguments.of("postgresql://[2001:db8::1234]/", "[[2001:db8::1234]:5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://[::1]", "[[::1]:5432] user=osuser db=osuser pw=-"),
                // percent-decoding: '/' in dbname, '@' in password, ':' in user, '+' stays '+', %2B is '+'
                Arguments.of("postgresql://h/my%2Fdb", "[h:5432] user=osuser db=my/db pw=-"),
                Arguments.of("postgresql://repl:s%40cret@db1/app", "[db1:5432] user=repl db=app pw=s@cret"),
                Arguments.of("postgresql://a%3Ab:pw@h", "[h:5432] user=a:b db=a:b pw=pw"),
                Arguments.of("postgresql://u:p+w@h/d+b", "[h:5432] user=u db=d+b pw=p+w"),
                Arguments.of("postgresql://u:a%2Bb@h", "[h:5432] user=u db=u pw=a+b"),
                Arguments.of("postgresql://h/caf%C3%A9", "[h:5432] user=osuser db=café pw=-"),
                Arguments.of("postgresql://u:p%20w@h", "[h:5432] user=u db=u pw=p w"),
                // a raw ':' in the password is part of it; only the user name ends at ':'
                Arguments.of("postgresql://u:a:b@h", "[h:5432] user=u db=u pw=a:b"),
                // empty password: libpq does not store it (so PGPASSWORD / .pgpass still apply)
                Arguments.of("postgresql://u:@h", "[h:5432] user=u db=u pw=-"),
                // several hosts, with and without ports: joined lists, empty port item = 5432
                Arguments.of("postgresql://h1,h2/db", "[h1:5432, h2:5432] user=osuser db=db pw=-"),
                Arguments.of("postgresql://h1:5433,h2/db", "[h1:5433, h2:5432] user=osuser db=db pw=-"),
                Arguments.of("postgresql://h1,h2:5434", "[h1:5432, h2:5434] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://h1:1,[::1]:2,h3:3/x", "[h1:1, [::1]:2, h3:3] user=osuser db=x pw=-"),
                Arguments.of("postgresql://repl:pw@db1:5432,db2:5433/app?replication=database",
                        "[db1:5432, db2:5433] user=repl db=app pw=pw"),
                // a query parameter repeating a value from the hierarchical part wins
                Arguments.of("postgresql://u@h:1/db?user=x&port=2&dbname=other", "[h:2] user=x db=other pw=-"),
                Arguments.of("postgresql://u:one@h?password=two", "[h:5432] user=u db=u pw=two"),
                Arguments.of("postgresql://h?port=7", "[h:7] user=osuser db=osuser pw=-"),
                // hostaddr
                Arguments.of("postgresql://example.com?hostaddr=63.1.2.4",
                        "[example.com(63.1.2.4):5432] user=osuser db=osuser pw=-"),
                Arguments.of("postgresql://?hostaddr=127.0.0.1", "[(127.0.0.1):5432] user=osuser db=osuser pw=-"));
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @MethodSource("valid")
    void parses(String uri, String expected) {
        assertEquals(expected, summary(parse(uri)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("postgre://", "missing \"=\" after \"postgre://\" in connection info string"),
                Arguments.of("postgres://[::1",
                        "end of string reached when looking for matching \"]\" in IPv6 host address in URI"),
                Arguments.of("postgres://[]", "IPv6 host address may not be empty in URI"),
                Arguments.of("postgres://[::1]z",
                        "unexpected character \"z\" at position 17 in URI (expected \":\" or \"/\")"),
                Arguments.of("postgresql://host?zzz", "missing key/value separator \"=\" in URI query parameter: \"zzz\""),
                Arguments.of("postgresql://host?value1&value2",
                        "missing key/value separator \"=\" in URI query parameter: \"value1\""),
                Arguments.of("postgresql://host?key=key=value",
                        "extra key/value separator \"=\" in URI query parameter: \"key\""),
                Arguments.of("postgres://host?dbname=%XXfoo", "invalid percent-encoded token: \"%XXfoo\""),
                Arguments.of("postgresql://a%00b", "forbidden value %00 in percent-encoded value: \"a%00b\""),
                Arguments.of("postgresql://%zz", "invalid percent-encoded token: \"%zz\""),
                Arguments.of("postgresql://%1", "invalid percent-encoded token: \"%1\""),
                Arguments.of("postgresql://%", "invalid percent-encoded token: \"%\""),
                Arguments.of("postgresql://h/db%2", "invalid percent-encoded token: \"db%2\""),
                Arguments.of("postgresql://host/db?u%7aer=someotheruser&port=12345",
                        "invalid URI query parameter: \"uzer\""),
                Arguments.of("postgresql://host?uzer=", "invalid URI query parameter: \"uzer\""),
                Arguments.of("postgresql://host?foo=1", "invalid URI query parameter: \"foo\""),
                Arguments.of("postgresql://host?ssl=false", "invalid URI query parameter: \"ssl\""),
                Arguments.of("postgresql://host?  user user  =  uri  & port = 12345 12 ",
                        "unexpected spaces found in \"  user user  \", use percent-encoded spaces (%20) instead"),
                Arguments.of("postgresql://host?  user  =  uri-user  & port = 12345 12 ",
                        "unexpected spaces found in \" 12345 12 \", use percent-encoded spaces (%20) instead"),
                Arguments.of("postgresql://h:abc", "invalid integer value \"abc\" for connection option \"port\""),
                Arguments.of("postgresql://h:70000", "invalid port number: \"70000\""),
                Arguments.of("postgresql://h:0", "invalid port number: \"0\""),
                Arguments.of("postgresql://h/%C3", "percent-decoded bytes are not valid UTF-8 in the database name"),
                Arguments.of("postgresql://h1:1,h2:2,h3:3?port=1,2", "could not match 2 port numbers to 3 hosts"));
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @MethodSource("invalid")
    void rejects(String uri, String message) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> parse(uri));
        assertEquals(message, e.getMessage());
        assertTrue(!e.isTransient());
    }

    @Test
    void sslTrueMeansSslmodeRequire() {
        assertEquals(SslMode.REQUIRE, parse("postgresql://h?ssl=true").sslMode());
        assertEquals(Optional.of("require"), parse("postgresql://h?ssl=true").rawValue("sslmode"));
    }

    @Test
    void queryParametersFillTheOtherKeywords() {
        ConnectionConfig c = parse("postgresql://repl@db1/app?replication=database&application_name=cdc"
                + "&options=-c%20wal_sender_timeout%3D120s&sslmode=verify-full&target_session_attrs=read-write"
                + "&connect_timeout=10&keepalives_idle=30");
        assertEquals(ReplicationMode.DATABASE, c.replication());
        assertEquals(Optional.of("cdc"), c.applicationName());
        assertEquals("-c wal_sender_timeout=120s", c.options());
        assertEquals(SslMode.VERIFY_FULL, c.sslMode());
        assertEquals(TargetSessionAttrs.READ_WRITE, c.targetSessionAttrs());
        assertEquals(Optional.of(java.time.Duration.ofSeconds(10)), c.connectTimeout());
        assertEquals(Optional.of("30"), c.rawValue("keepalives_idle"));
    }

    @Test
    void leadingAndTrailingSpacesOfAComponentAreDroppedButEncodedOnesKept() {
        assertEquals(Optional.of(" x "), parse("postgresql://h?application_name=%20x%20").applicationName());
        assertEquals(Optional.of("x"), parse("postgresql://h?application_name=  x  ").applicationName());
    }

    @Test
    void socketDirectoryHostIsReportedAsUnixSocket() {
        assertTrue(parse("postgresql://%2Fvar%2Frun%2Fpostgresql/db").hosts().get(0).isUnixSocket());
        assertTrue(!parse("postgresql://h/db").hosts().get(0).isUnixSocket());
    }
}
