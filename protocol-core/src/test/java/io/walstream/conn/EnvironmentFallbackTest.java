package io.walstream.conn;

import static io.walstream.conn.TestEnv.summary;
import static io.walstream.conn.TestEnv.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ConnectionStringException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PG* environment variables fill only what the string leaves unset; built-in defaults come last. */
class EnvironmentFallbackTest {

    private static final Map<String, String> FULL = Map.ofEntries(
            Map.entry("PGHOST", "envhost1,envhost2"),
            Map.entry("PGHOSTADDR", "10.0.0.1,10.0.0.2"),
            Map.entry("PGPORT", "6000"),
            Map.entry("PGDATABASE", "envdb"),
            Map.entry("PGUSER", "envuser"),
            Map.entry("PGPASSWORD", "envpw"),
            Map.entry("PGPASSFILE", "/env/pgpass"),
            Map.entry("PGCONNECT_TIMEOUT", "5"),
            Map.entry("PGAPPNAME", "envapp"),
            Map.entry("PGOPTIONS", "-c x=y"),
            Map.entry("PGSSLMODE", "verify-ca"),
            Map.entry("PGTARGETSESSIONATTRS", "read-write"),
            Map.entry("PGSSLROOTCERT", "/env/root.crt"),
            Map.entry("PGSSLCERT", "/env/c.crt"),
            Map.entry("PGSSLKEY", "/env/c.key"),
            Map.entry("PGCHANNELBINDING", "require"),
            Map.entry("PGSSLNEGOTIATION", "direct"),
            Map.entry("PGCLIENTENCODING", "UTF8"),
            Map.entry("PGGSSENCMODE", "disable"),
            Map.entry("PGLOADBALANCEHOSTS", "random"),
            Map.entry("PGREQUIREAUTH", "scram-sha-256"));

    @Test
    void defaultsWhenNothingIsSet() {
        ConnectionConfig c = ConnectionConfig.parse("", Environment.of(Map.of(), "alice", Path.of("/home/alice")));
        assertEquals("[localhost:5432] user=alice db=alice pw=-", summary(c));
        assertEquals(SslMode.PREFER, c.sslMode());
        assertEquals(TargetSessionAttrs.ANY, c.targetSessionAttrs());
        assertEquals(ReplicationMode.NONE, c.replication());
        assertEquals(Optional.empty(), c.connectTimeout());
        assertEquals(Optional.of(Path.of("/home/alice/.pgpass")), c.passfile());
        assertEquals("postgres", c.sslNegotiation());
        assertEquals("prefer", c.channelBinding());
    }

    @Test
    void everyVariableIsUsedWhenTheStringIsEmpty() {
        ConnectionConfig c = ConnectionConfig.parse("", vars(FULL));
        assertEquals("[envhost1(10.0.0.1):6000, envhost2(10.0.0.2):6000] user=envuser db=envdb pw=envpw", summary(c));
        assertEquals(Optional.of(Path.of("/env/pgpass")), c.passfile());
        assertEquals(Optional.of(Duration.ofSeconds(5)), c.connectTimeout());
        assertEquals(Optional.of("envapp"), c.applicationName());
        assertEquals("-c x=y", c.options());
        assertEquals(SslMode.VERIFY_CA, c.sslMode());
        assertEquals(TargetSessionAttrs.READ_WRITE, c.targetSessionAttrs());
        assertEquals(Optional.of("/env/root.crt"), c.sslRootCert());
        assertEquals(Optional.of("/env/c.crt"), c.sslCert());
        assertEquals(Optional.of("/env/c.key"), c.sslKey());
        assertEquals("require", c.channelBinding());
        assertEquals("direct", c.sslNegotiation());
        assertEquals(Optional.of("UTF8"), c.rawValue("client_encoding"));
        assertEquals(Optional.of("random"), c.rawValue("load_balance_hosts"));
        assertEquals(Optional.of("scram-sha-256"), c.rawValue("require_auth"));
    }

    @Test
    void theStringWinsKeywordByKeyword() {
        ConnectionConfig c = ConnectionConfig.parse(
                "host=strhost hostaddr=1.2.3.4 user=struser sslmode=require password=strpw", vars(FULL));
        assertEquals("[strhost(1.2.3.4):6000] user=struser db=envdb pw=strpw", summary(c));
        assertEquals(SslMode.REQUIRE, c.sslMode());
        assertEquals(TargetSessionAttrs.READ_WRITE, c.targetSessionAttrs());
    }

    @Test
    void uriValuesWinToo() {
        Map<String, String> env = new java.util.HashMap<>(FULL);
        env.remove("PGHOSTADDR");
        ConnectionConfig c = ConnectionConfig.parse("postgresql://u@h:1/d?sslmode=verify-full", vars(env));
        assertEquals("[h:1] user=u db=d pw=envpw", summary(c));
        assertEquals(SslMode.VERIFY_FULL, c.sslMode());
    }

    @Test
    void pghostaddrStillPairsWithAHostFromTheString() {
        assertEquals("could not match 1 host names to 2 hostaddr values",
                assertThrows(ConnectionStringException.class,
                        () -> ConnectionConfig.parse("postgresql://h/d", vars(FULL))).getMessage());
    }

    @Test
    void anEmptyStringValueStillSuppressesTheVariable() {
        ConnectionConfig c = ConnectionConfig.parse("password='' application_name=''",
                vars(Map.of("PGPASSWORD", "envpw", "PGAPPNAME", "envapp")));
        assertEquals("", new String(c.password().orElseThrow()));
        assertEquals(Optional.empty(), c.applicationName());
    }

    @Test
    void anEmptyUriPasswordIsNotSetSoPgpasswordApplies() {
        ConnectionConfig c = ConnectionConfig.parse("postgresql://u:@h", vars(Map.of("PGPASSWORD", "envpw")));
        assertEquals("envpw", new String(c.password().orElseThrow()));
    }

    @Test
    void anEmptyVariableCountsAsSet() {
        ConnectionConfig c = ConnectionConfig.parse("", vars(Map.of("PGHOST", "", "PGDATABASE", "")));
        assertEquals("[localhost:5432] user=osuser db=osuser pw=-", summary(c));
    }

    @Test
    void pgportListPairsWithPghostList() {
        ConnectionConfig c = ConnectionConfig.parse("", vars(Map.of("PGHOST", "a,b", "PGPORT", "1,2")));
        assertEquals("[a:1, b:2] user=osuser db=osuser pw=-", summary(c));
    }

    @Test
    void pgrequiresslIsHonouredOnlyWithoutSslmode() {
        assertEquals(SslMode.REQUIRE, ConnectionConfig.parse("", vars(Map.of("PGREQUIRESSL", "1"))).sslMode());
        assertEquals(SslMode.PREFER, ConnectionConfig.parse("", vars(Map.of("PGREQUIRESSL", "0"))).sslMode());
        assertEquals(SslMode.DISABLE, ConnectionConfig.parse("",
                vars(Map.of("PGREQUIRESSL", "1", "PGSSLMODE", "disable"))).sslMode());
        assertEquals(SslMode.ALLOW, ConnectionConfig.parse("sslmode=allow",
                vars(Map.of("PGREQUIRESSL", "1"))).sslMode());
    }

    @Test
    void pgsslrootcertSystemChangesTheDefaultSslmode() {
        assertEquals(SslMode.VERIFY_FULL,
                ConnectionConfig.parse("", vars(Map.of("PGSSLROOTCERT", "system"))).sslMode());
    }

    @Test
    void passfileKeywordWinsOverPgpassfile() {
        ConnectionConfig c = ConnectionConfig.parse("passfile=/str/pgpass",
                Environment.of(Map.of("PGPASSFILE", "/env/pgpass"), "u", Path.of("/home/u")));
        assertEquals(Optional.of(Path.of("/str/pgpass")), c.passfile());
    }

    @Test
    void noHomeAndNoPassfileMeansNoPasswordFile() {
        assertEquals(Optional.empty(), ConnectionConfig.parse("", TestEnv.empty()).passfile());
    }

    @Test
    void keywordsWithoutAVariableIgnoreLookalikes() {
        ConnectionConfig c = ConnectionConfig.parse("", vars(Map.of("PGREPLICATION", "database",
                "PGSSLPASSWORD", "x", "PGFALLBACKAPPLICATIONNAME", "fb")));
        assertEquals(ReplicationMode.NONE, c.replication());
        assertEquals(Optional.empty(), c.sslPassword());
        assertEquals(Optional.empty(), c.applicationName());
    }

    @Test
    void invalidVariablesAreReportedLikeInvalidKeywords() {
        assertEquals("invalid sslmode value: \"sometimes\"", assertThrows(ConnectionStringException.class,
                () -> ConnectionConfig.parse("", vars(Map.of("PGSSLMODE", "sometimes")))).getMessage());
        assertEquals("invalid integer value \"soon\" for connection option \"connect_timeout\"",
                assertThrows(ConnectionStringException.class,
                        () -> ConnectionConfig.parse("", vars(Map.of("PGCONNECT_TIMEOUT", "soon")))).getMessage());
    }

    @Test
    void pgserviceIsRejectedNotIgnored() {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> ConnectionConfig.parse("host=h", vars(Map.of("PGSERVICE", "prod"))));
        assertTrue(e.getMessage().contains("PGSERVICE"), e.getMessage());
    }
}
