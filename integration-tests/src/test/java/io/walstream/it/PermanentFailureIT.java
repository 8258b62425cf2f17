package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.ServerErrorException;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.testkit.postgres.PasswordEncryption;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Permanent failures end the stream at once, with the server's SQLSTATE and without a reconnect, although the
 * reconnect policy would retry for ten minutes: a wrong password (md5 and SCRAM, at open and on a reconnect),
 * a missing slot (at start, and dropped while the stream was reconnecting) and a missing publication (found
 * before START_REPLICATION on every version).
 */
@PostgresTest
class PermanentFailureIT {

    /** A functional bound: a failure that were retried would take the policy's ten minutes. */
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final String RIGHT = "Right-Secret-1";
    private static final String WRONG = "Wrong-Secret-2";

    static PostgresConfig postgresConfig() {
        PostgresConfig.Builder b = PostgresConfig.builder().hbaLines(List.of(
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host replication postgres 127.0.0.1/32 trust"));
        for (String t : List.of("nio", "netty")) {
            b.hbaLine("host all pf_md5_" + t + " 127.0.0.1/32 md5");
            b.hbaLine("host all pf_scram_" + t + " 127.0.0.1/32 scram-sha-256");
            b.role(PostgresRole.user("pf_md5_" + t, RIGHT).withEncryption(PasswordEncryption.MD5)
                    .withReplication(true));
            b.role(PostgresRole.user("pf_scram_" + t, RIGHT).withReplication(true));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void wrongPasswordAtOpenFailsAtOnceWith28P01(String transport, PostgresServer server) throws Exception {
        for (String user : List.of("pf_md5_" + transport, "pf_scram_" + transport)) {
            ServerErrorException e = expectQuickly(ServerErrorException.class, () -> LogicalReplicationStream.open(
                    builder(server, transport, user, WRONG, "pf_nothing", "pf_nothing_pub").build()));
            assertEquals("28P01", e.sqlState(), user + ": " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void passwordChangedBeforeAReconnectEndsTheStreamWithoutRetrying(String transport, PostgresServer server)
            throws Exception {
        String user = "pf_scram_" + transport;
        String slot = "pf_pw_" + transport;
        String t = "pf_pw_t_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t);
            LiveStreams.createSlot(sql, slot);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(builder(server, transport, user,
                    RIGHT, slot, t + "_pub").build())) {
                sql.query("INSERT INTO " + t + " VALUES (1)");
                awaitCommit(stream);
                sql.query("ALTER ROLE " + user + " PASSWORD '" + WRONG + "'");
                terminateWalsender(sql, slot);
                // PG 14 may still deliver the ALTER ROLE as an empty transaction before the disconnect shows.
                ServerErrorException e = expectQuickly(ServerErrorException.class, () -> nextSkippingEmpty(stream));
                assertEquals("28P01", e.sqlState(), e.getMessage());
                assertEquals(0, stream.metrics().reconnects());
                assertFailsAgainWithoutReconnecting(stream, "28P01");
            } finally {
                sql.query("ALTER ROLE " + user + " PASSWORD '" + RIGHT + "'");
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void missingSlotAtStartFailsAtOnceWith42704(String transport, PostgresServer server) throws Exception {
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE PUBLICATION pf_noslot_pub_" + transport + " FOR ALL TABLES");
            LogicalReplicationStream stream = LogicalReplicationStream.open(builder(server, transport, "postgres",
                    null, "pf_no_such_slot", "pf_noslot_pub_" + transport).build());
            try {
                ServerErrorException e = expectQuickly(ServerErrorException.class,
                        () -> stream.next(Duration.ofSeconds(30)));
                assertEquals("42704", e.sqlState(), e.getMessage());
                assertEquals(0, stream.metrics().reconnects());
                assertFailsAgainWithoutReconnecting(stream, "42704");
            } finally {
                stream.close();
            }
            assertTrue(LiveStreams.await(() -> walsenders(sql) == 0, Duration.ofSeconds(5)),
                    "the failed stream's connection was closed; walsenders left: " + walsenders(sql));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void slotDroppedWhileDisconnectedEndsTheStreamWith42704(String transport, PostgresServer server)
            throws Exception {
        String slot = "pf_drop_" + transport;
        String t = "pf_drop_t_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t);
            LiveStreams.createSlot(sql, slot);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(builder(server, transport, "postgres",
                    null, slot, t + "_pub").build())) {
                sql.query("INSERT INTO " + t + " VALUES (1)");
                awaitCommit(stream);
                // The consumer is between calls: the walsender dies and the slot is dropped before it notices.
                terminateWalsender(sql, slot);
                sql.query("SELECT pg_drop_replication_slot('" + slot + "')");
                sql.query("INSERT INTO " + t + " VALUES (2)");
                ServerErrorException e = expectQuickly(ServerErrorException.class, () -> nextSkippingEmpty(stream));
                assertEquals("42704", e.sqlState(), e.getMessage());
                assertEquals(0, stream.metrics().reconnects());
                assertFailsAgainWithoutReconnecting(stream, "42704");
            } finally {
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    /**
     * A missing publication is found before START_REPLICATION, with the server's wording, on every version: up to
     * 17 the walsender would report it only when the first change arrives (possibly hours later), and 18 only
     * warns ("skipped loading publication") and streams the others.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nio", "netty"})
    void missingPublicationFailsBeforeStreaming(String transport, PostgresServer server) throws Exception {
        String slot = "pf_pub_" + transport;
        String t = "pf_pub_t_" + transport;
        try (PgConnection sql = Live.sql(server, transport)) {
            sql.query("CREATE TABLE " + t + " (id int PRIMARY KEY)");
            sql.query("CREATE PUBLICATION " + t + "_pub FOR TABLE " + t);
            LiveStreams.createSlot(sql, slot);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(builder(server, transport, "postgres",
                    null, slot, t + "_pub", "pf_missing_pub_" + transport).build())) {
                ServerErrorException e = expectQuickly(ServerErrorException.class, () -> {
                    stream.start();
                    return null;
                });
                assertEquals("42704", e.sqlState(), e.getMessage());
                assertTrue(e.getMessage().contains("publication \"pf_missing_pub_" + transport + "\" does not exist"),
                        e.getMessage());
                assertFalse(LiveStreams.slotActive(sql, slot), "nothing was streamed");
                assertFailsAgainWithoutReconnecting(stream, "42704");
                assertEquals(0, stream.metrics().reconnects());
            } finally {
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }

    private static ReplicationConfig.Builder builder(PostgresServer server, String transport, String user,
                                                     String password, String slot, String... pubs) {
        String auth = "user=" + user + (password == null ? "" : " password=" + password);
        return ReplicationConfig.builder(Live.config(server, auth + " dbname=postgres replication=database"))
                .slot(slot).publications(pubs).statusInterval(Duration.ofMillis(500))
                .reconnect(LiveStreams.patientPolicy()).transportOptions(Live.transport(transport));
    }

    private static void awaitCommit(LogicalReplicationStream stream) {
        while (true) {
            ReplicationEvent e = stream.next(Duration.ofSeconds(20));
            assertNotNull(e, "the first transaction arrives");
            if (e.message() instanceof Commit) {
                return;
            }
        }
    }

    /** Reads on, accepting only empty transactions (Begin/Commit), until {@code next} throws or returns. */
    private static ReplicationEvent nextSkippingEmpty(LogicalReplicationStream stream) {
        while (true) {
            ReplicationEvent e = stream.next(Duration.ofSeconds(30));
            if (e == null || !(e.message() instanceof io.walstream.pgoutput.Begin || e.message() instanceof Commit)) {
                return e;
            }
        }
    }

    private static void terminateWalsender(PgConnection sql, String slot) {
        String pid = LiveStreams.walsenderPid(sql, slot);
        assertNotNull(pid, "the slot is in use");
        sql.query("SELECT pg_terminate_backend(" + pid + ")");
        assertTrue(LiveStreams.await(() -> !LiveStreams.slotActive(sql, slot), Duration.ofSeconds(10)),
                "the walsender exited");
    }

    private static int walsenders(PgConnection sql) {
        return Integer.parseInt(sql.query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'")
                .getString(0, 0));
    }

    /** A stream that failed permanently stays failed: the next call neither reconnects nor hangs. */
    private static void assertFailsAgainWithoutReconnecting(LogicalReplicationStream stream, String sqlState)
            throws Exception {
        ServerErrorException again = expectQuickly(ServerErrorException.class,
                () -> stream.next(Duration.ofSeconds(30)));
        assertEquals(sqlState, again.sqlState());
        assertEquals(0, stream.metrics().reconnects());
    }

    /** Runs {@code action} with the {@link #QUICK} bound; returns its result or the expected exception. */
    @SuppressWarnings("unchecked")
    private static <T> T expectQuickly(Class<T> expected, Callable<?> action) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = pool.submit(action);
            Object result;
            try {
                result = f.get(QUICK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                return fail("did not fail within " + QUICK + ": the failure is being retried");
            } catch (ExecutionException e) {
                if (expected.isInstance(e.getCause())) {
                    return (T) e.getCause();
                }
                throw new AssertionError("expected " + expected.getSimpleName() + ", got " + e.getCause(),
                        e.getCause());
            }
            if (expected.isInstance(result)) {
                return (T) result;
            }
            return fail("expected " + expected.getSimpleName() + ", returned " + result);
        } finally {
            pool.shutdownNow();
        }
    }
}
