package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.WalstreamException;
import io.walstream.codec.BackendKeyData;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.conn.Sql;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an open connection knows and does against a real server: reported parameters, BackendKeyData, host
 * lists, target_session_attrs, application_name, connect_timeout, notices, errors in the middle of a query,
 * multi-statement results and quoting.
 */
@PostgresTest
class ConnectionIT {

    // --- startup state -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void tracksParameterStatus(String transport, PostgresServer server) {
        for (String mode : List.of("", " replication=database", " replication=true")) {
            try (PgConnection c = Live.connect(server, transport, "user=postgres dbname=postgres" + mode)) {
                assertEquals(server.serverVersion(), c.parameter("server_version"), mode);
                assertEquals(server.serverVersionNum(), c.serverVersion().number(), mode);
                assertEquals(server.version().major(), c.serverVersion().major(), mode);
                // a physical WAL sender is connected to no database, so it reports the encoding of none
                assertEquals(mode.contains("true") ? "SQL_ASCII" : "UTF8", c.parameter("server_encoding"), mode);
                assertEquals("UTF8", c.parameter("client_encoding"), mode);
                assertEquals("on", c.parameter("integer_datetimes"), mode);
                assertEquals("on", c.parameter("standard_conforming_strings"), mode);
                assertTrue(c.standardConformingStrings(), mode);
                assertEquals(c.parameter("server_version"), c.parameters().get("server_version"));
            }
        }
        try (PgConnection c = Live.sql(server, transport)) {
            assertEquals(c.query("SHOW server_version").getString(0, 0), c.parameter("server_version"));
            assertEquals(Integer.toString(server.serverVersionNum()),
                    c.query("SHOW server_version_num").getString(0, 0));
            // a ParameterStatus sent after startup is tracked too
            c.query("SET application_name = 'changed-later'");
            assertEquals("changed-later", c.parameter("application_name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void backendKeyDataMatchesTheBackendPid(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            BackendKeyData key = c.backendKeyData();
            assertNotNull(key);
            assertTrue(key.processId() > 0);
            assertTrue(key.secretKey().length >= 4);
            assertEquals(Integer.toString(key.processId()), c.query("SELECT pg_backend_pid()").getString(0, 0));
        }
    }

    // --- hosts -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void skipsARefusedHostAndConnectsToTheNext(String transport, PostgresServer server) throws IOException {
        int dead = refusedPort();
        ConnectionConfig cfg = ConnectionConfig.parse("host=" + server.host() + "," + server.host() + " port=" + dead
                + "," + server.port() + " user=postgres dbname=postgres", Live.CLEAN_ENV);
        try (PgConnection c = Connector.connect(cfg, Live.transport(transport))) {
            assertEquals(server.port(), c.endpoint().port());
            assertEquals("1", c.query("SELECT 1").getString(0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void allHostsRefusedIsATransientTransportException(String transport, PostgresServer server) throws IOException {
        int dead1 = refusedPort();
        int dead2 = refusedPort();
        ConnectionConfig cfg = ConnectionConfig.parse("host=127.0.0.1,127.0.0.1 port=" + dead1 + "," + dead2
                + " user=postgres dbname=postgres", Live.CLEAN_ENV);
        TransportException e = assertThrows(TransportException.class,
                () -> Connector.connect(cfg, Live.transport(transport)).close());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("127.0.0.1:" + dead1), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + dead2), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void targetSessionAttrsReadsDefaultTransactionReadOnly(String transport, PostgresServer server) {
        String readOnly = "user=postgres dbname=postgres options='-c default_transaction_read_only=on'";
        WalstreamException e = assertThrows(WalstreamException.class,
                () -> Live.connect(server, transport, readOnly + " target_session_attrs=read-write").close());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertTrue(e.getMessage().contains("target_session_attrs=read-write"), e.getMessage());
        assertTrue(e instanceof TransportException, e.toString());

        try (PgConnection c = Live.connect(server, transport, readOnly + " target_session_attrs=read-only")) {
            assertEquals("on", c.parameter("default_transaction_read_only"));
            assertEquals("on", c.query("SHOW transaction_read_only").getString(0, 0));
        }
        try (PgConnection c = Live.connect(server, transport, readOnly + " target_session_attrs=any")) {
            assertEquals("on", c.parameter("default_transaction_read_only"));
        }
        try (PgConnection c = Live.connect(server, transport,
                "user=postgres dbname=postgres target_session_attrs=read-write")) {
            assertEquals("off", c.parameter("default_transaction_read_only"));
        }
        WalstreamException rw = assertThrows(WalstreamException.class, () -> Live.connect(server, transport,
                "user=postgres dbname=postgres target_session_attrs=read-only").close());
        assertTrue(rw.getMessage().contains("read-write"), rw.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void applicationNameIsVisibleInPgStatActivity(String transport, PostgresServer server) {
        String name = "walstream-it " + transport;
        try (PgConnection c = Live.connect(server, transport,
                "user=postgres dbname=postgres application_name='" + name + "'");
             PgConnection other = Live.sql(server, transport)) {
            assertEquals(name, c.parameter("application_name"));
            String pid = Integer.toString(c.backendKeyData().processId());
            assertEquals(name, c.query("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                    .getString(0, 0));
            assertEquals(name, other.query("SELECT application_name FROM pg_stat_activity WHERE pid = " + pid)
                    .getString(0, 0));
        }
        try (PgConnection c = Live.connect(server, transport,
                "user=postgres dbname=postgres fallback_application_name=fallback-it")) {
            assertEquals("fallback-it", c.query("SELECT current_setting('application_name')").getString(0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void connectTimeoutEndsASilentServer(String transport, PostgresServer server) throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(socket -> {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // swallow the StartupMessage, never answer
            }
        })) {
            ConnectionConfig cfg = ConnectionConfig.parse("host=" + peer.endpoint().host() + " port="
                    + peer.endpoint().port() + " user=postgres dbname=postgres connect_timeout=2", Live.CLEAN_ENV);
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class,
                    () -> Connector.connect(cfg, Live.transport(transport)).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(1_900)) >= 0, "gave up too early: " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("timed out"), e.getMessage());
            assertTrue(e.getMessage().contains(peer.endpoint().toString()), e.getMessage());
            // the client closed its end, so the peer's read loop ends
            assertTrue(peer.join(Duration.ofSeconds(5)), "the client did not close the connection");
        }
    }

    // --- queries -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void deliversNoticesToTheListener(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            List<ServerError> notices = new CopyOnWriteArrayList<>();
            c.setNoticeListener(notices::add);
            c.query("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$");
            assertEquals(1, notices.size(), notices.toString());
            ServerError n = notices.get(0);
            assertEquals("NOTICE", n.severity());
            assertEquals("hello 42", n.message());
            assertEquals("00000", n.sqlState());
            c.setNoticeListener(null);
            c.query("DO $$ BEGIN RAISE NOTICE 'unheard'; END $$");
            assertEquals(1, notices.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void errorInTheMiddleOfAQueryLeavesTheConnectionUsable(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            ServerErrorException e = assertThrows(ServerErrorException.class,
                    () -> c.queryAll("SELECT 1; SELECT 1/0; SELECT 2"));
            assertEquals("22012", e.sqlState());
            assertEquals("ERROR", e.error().severity());
            assertFalse(e.isTransient());
            assertEquals('I', c.transactionStatus());
            assertEquals("3", c.query("SELECT 3").getString(0, 0));
            assertEquals('I', c.transactionStatus());

            // inside an explicit transaction the server reports the failed state, then recovers on ROLLBACK
            c.query("BEGIN");
            assertEquals('T', c.transactionStatus());
            assertThrows(ServerErrorException.class, () -> c.query("SELECT 1/0"));
            assertEquals('E', c.transactionStatus());
            ServerErrorException aborted = assertThrows(ServerErrorException.class, () -> c.query("SELECT 1"));
            assertEquals("25P02", aborted.sqlState());
            c.query("ROLLBACK");
            assertEquals('I', c.transactionStatus());
            assertEquals("4", c.query("SELECT 4").getString(0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void queryAllReturnsEveryStatementsResult(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            List<ResultSet> all = c.queryAll(
                    "SELECT 1 AS one, 'x'::text AS two; SELECT n FROM generate_series(1, 3) n; SET search_path = public");
            assertEquals(3, all.size());
            ResultSet first = all.get(0);
            assertEquals(List.of("one", "two"), first.columnNames());
            assertEquals(23, first.columns().get(0).typeOid());
            assertEquals(25, first.columns().get(1).typeOid());
            assertEquals("SELECT 1", first.commandTag());
            assertEquals(1, first.rowCount());
            assertEquals("1", first.getString(0, "one"));
            assertEquals("x", first.getString(0, "two"));
            ResultSet second = all.get(1);
            assertEquals(List.of("n"), second.columnNames());
            assertEquals("SELECT 3", second.commandTag());
            assertEquals("3", second.getString(2, 0));
            ResultSet third = all.get(2);
            assertEquals("SET", third.commandTag());
            assertTrue(third.columns().isEmpty());
            assertEquals(0, third.rowCount());

            assertEquals(null, c.query("SELECT NULL::int4").getString(0, 0));
            assertEquals("SELECT 2", c.query("SELECT 1 UNION ALL SELECT 2").commandTag());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void emptyQueryReturnsAnEmptyResult(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            List<ResultSet> all = c.queryAll("");
            assertEquals(1, all.size());
            assertEquals("", all.get(0).commandTag());
            assertTrue(all.get(0).columns().isEmpty());
            assertEquals(0, all.get(0).rowCount());
            ResultSet r = c.query("   ");
            assertEquals("", r.commandTag());
            assertEquals(0, r.rowCount());
            assertEquals('I', c.transactionStatus());
            assertEquals("1", c.query("SELECT 1").getString(0, 0));
        }
    }

    // --- quoting -----------------------------------------------------------------------------------------

    private static final List<String> NAMES = List.of("plain", "MixedCase", "with space", "quo\"te", "\"\"",
            "ünïcödé ☃", "select", "a.b", "x'y");
    private static final List<String> LITERALS = List.of("", "plain", "it's", "''", "back\\slash", "\\",
            "\\'", "mixed \\' and '' \\\\ end\\", "ünïcödé ☃", "tab\tnew\nline");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void quotedIdentifiersRoundTrip(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            for (String name : NAMES) {
                String q = Sql.quoteIdentifier(name);
                assertEquals(List.of(name), c.query("SELECT 1 AS " + q).columnNames(), q);
                c.query("CREATE TEMP TABLE " + q + " (" + q + " int)");
                c.query("INSERT INTO " + q + " (" + q + ") VALUES (7)");
                assertEquals("7", c.query("SELECT " + q + " FROM " + q).getString(0, 0), q);
                assertEquals(name, c.query("SELECT relname FROM pg_class WHERE oid = "
                        + Sql.quoteLiteral(q, c.standardConformingStrings()) + "::regclass").getString(0, 0));
                c.query("DROP TABLE " + q);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void quotedLiteralsRoundTripWithBothStringModes(String transport, PostgresServer server) {
        try (PgConnection c = Live.sql(server, transport)) {
            List<ServerError> notices = new CopyOnWriteArrayList<>();
            c.setNoticeListener(notices::add);
            for (String setting : List.of("on", "off", "on")) {
                c.query("SET standard_conforming_strings = " + setting);
                // the server reports the change as a ParameterStatus; the connection tracks it
                assertEquals(setting, c.parameter("standard_conforming_strings"));
                boolean scs = c.standardConformingStrings();
                assertEquals(setting.equals("on"), scs);
                for (String value : LITERALS) {
                    String q = Sql.quoteLiteral(value, scs);
                    assertEquals(value, c.query("SELECT " + q).getString(0, 0), setting + ": " + q);
                    assertEquals(value, c.query("SELECT " + q + "::text AS v").getString(0, "v"));
                }
                if (!scs) {
                    // the quoting really depends on the mode: a plain literal does not read back a backslash
                    // when standard_conforming_strings is off ('\s' is an escape for 's')
                    String plain = Sql.quoteLiteral("back\\slash", true);
                    assertEquals("'back\\slash'", plain);
                    assertNotEquals("back\\slash", c.query("SELECT " + plain).getString(0, 0));
                    // and escape_string_warning says so
                    assertTrue(notices.stream().anyMatch(n -> "22P06".equals(n.sqlState())), notices.toString());
                    notices.clear();
                }
            }
            assertTrue(notices.stream().noneMatch(n -> "22P06".equals(n.sqlState())),
                    "the literals Sql.quoteLiteral wrote never warn about nonstandard escapes: " + notices);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void nulIsRejectedOnTheClient(String transport, PostgresServer server) {
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteIdentifier("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteLiteral("a\0b", true));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteLiteral("a\0b", false));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteReplicationLiteral("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteIdentifier(""));
        // and the connection is untouched
        try (PgConnection c = Live.sql(server, transport)) {
            assertEquals("a", c.query("SELECT " + Sql.quoteLiteral("a", c.standardConformingStrings())).getString(0, 0));
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago and has no listener now. */
    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }
}
