package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.walstream.codec.Column;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.conn.ServerVersion;
import io.walstream.replication.WalStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The session supervisor with its connector, starter and clock replaced by Mockito mocks and a fake clock:
 * classification of failures, backoff, give-up, the slot-active retry and the cluster guard, in milliseconds.
 */
class SessionSupervisorTest {

    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3,
            Duration.ofMinutes(1));

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SessionSupervisor.Connections connections = mock(SessionSupervisor.Connections.class);
    private final SessionSupervisor.Starter starter = mock(SessionSupervisor.Starter.class);
    private final WalStream stream = mock(WalStream.class);
    private String systemId = "7000000000000000001";
    private String timeline = "1";

    private SessionSupervisor supervisor(ReconnectPolicy policy) {
        ReplicationConfig config = ReplicationConfig.builder("postgresql://u@h/app").slot("s").publications("p")
                .reconnect(policy).build();
        return new SessionSupervisor(config, connections, starter, d -> {
            sleeps.add(d);
            clock.addAndGet(d.toNanos());
        }, clock::get);
    }

    /** A connection that answers IDENTIFY_SYSTEM and the preflight queries like a healthy server. */
    private PgConnection healthyConnection() {
        PgConnection conn = mock(PgConnection.class);
        when(conn.serverVersion()).thenReturn(ServerVersion.parse("16.4"));
        when(conn.standardConformingStrings()).thenReturn(true);
        when(conn.query(anyString())).thenAnswer(inv -> {
            String sql = inv.getArgument(0);
            if (sql.startsWith("IDENTIFY_SYSTEM")) {
                return rows(List.of("systemid", "timeline", "xlogpos", "dbname"),
                        List.of(systemId, timeline, "0/1000000", "app"));
            }
            if (sql.contains("pg_replication_slots")) {
                return rows(List.of("slot_name", "slot_type", "plugin", "database", "active_pid", "wal_status"),
                        java.util.Arrays.asList("s", "logical", "pgoutput", "app", null, "reserved"));
            }
            if (sql.contains("pg_publication")) {
                return rows(List.of("pubname"), List.of("p"));
            }
            throw new AssertionError("unexpected query " + sql);
        });
        return conn;
    }

    private static ResultSet rows(List<String> names, List<String> values) {
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(new Column(n, 0, (short) 0, 25, (short) -1, -1, (short) 0));
        }
        byte[][] row = new byte[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            row[i] = values.get(i) == null ? null : values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return new ResultSet(cols, List.<byte[][]>of(row), "SELECT 1");
    }

    private static ServerErrorException serverError(String sqlState) {
        return new ServerErrorException(new ServerError("FATAL", sqlState, "m", Map.of('C', sqlState)));
    }

    @Test
    void aPermanentFailureIsThrownAtOnceWithoutConnecting() {
        SessionSupervisor s = supervisor(POLICY);
        ServerErrorException failure = serverError("42704");
        assertSame(failure, assertThrows(ServerErrorException.class,
                () -> s.reconnect(failure, () -> Lsn.INVALID, () -> false)));
        verify(connections, never()).open();
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUntilOneSucceeds() {
        PgConnection conn = healthyConnection();
        when(connections.open()).thenThrow(new TransportException("refused"), serverError("57P03")).thenReturn(conn);
        when(starter.start(any(), any())).thenReturn(stream);
        SessionSupervisor s = supervisor(POLICY);
        assertSame(stream, s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.of(0x42), () -> false));
        assertEquals(3, sleeps.size(), "a delay before each of the three attempts");
        for (int i = 0; i < sleeps.size(); i++) {
            assertTrue(sleeps.get(i).compareTo(POLICY.initialDelay().multipliedBy(1L << i)) <= 0, sleeps.toString());
        }
        verify(starter).start(conn, Lsn.of(0x42));
        assertEquals(1, s.reconnects());
    }

    @Test
    void theGiveUpNamesTheAttemptsTheTimeAndTheLastFailure() {
        when(connections.open()).thenThrow(new TransportException("Connection refused"));
        SessionSupervisor s = supervisor(POLICY);
        TransportException e = assertThrows(TransportException.class,
                () -> s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.INVALID, () -> false));
        assertTrue(e.getMessage().startsWith("Gave up after 3 failed retries over "), e.getMessage());
        assertTrue(e.getMessage().endsWith("last failure: Connection refused"), e.getMessage());
        assertEquals(3, sleeps.size());
    }

    @Test
    void theElapsedBudgetEndsRetryingEarly() {
        when(connections.open()).thenThrow(new TransportException("refused"));
        SessionSupervisor s = supervisor(new ReconnectPolicy(Duration.ofSeconds(10), Duration.ofSeconds(10), 1000,
                Duration.ofSeconds(15)));
        assertThrows(TransportException.class,
                () -> s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.INVALID, () -> false));
        // Delays are jittered (uniform up to 10 s), so the number of attempts varies; what is fixed is that the
        // budget alone ended it: every attempt but the last started within 15 s, and the time slept passed 15 s.
        Duration budget = Duration.ofSeconds(15);
        Duration total = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        Duration beforeLast = total.minus(sleeps.get(sleeps.size() - 1));
        assertTrue(sleeps.size() < 1000, "stopped by the budget, not by maxAttempts: " + sleeps.size());
        assertTrue(total.compareTo(budget) > 0, "slept " + total + " before giving up, within the budget");
        assertTrue(beforeLast.compareTo(budget) <= 0, "went on after the budget was spent: " + sleeps);
    }

    @Test
    void aSlotStillActiveAtTheFirstStartIsRetriedOnANewConnection() {
        PgConnection first = healthyConnection();
        PgConnection second = healthyConnection();
        when(connections.open()).thenReturn(second);
        when(starter.start(any(), any())).thenThrow(serverError("55006")).thenReturn(stream);
        SessionSupervisor s = supervisor(POLICY);
        assertSame(stream, s.startFirst(first, Lsn.INVALID, () -> false));
        verify(first).close();
        assertEquals(1, sleeps.size());
    }

    @Test
    void aDifferentSystemIdentifierIsPermanentANewTimelineIsNot() {
        when(connections.open()).thenAnswer(inv -> healthyConnection());
        when(starter.start(any(), any())).thenReturn(stream);
        SessionSupervisor s = supervisor(POLICY);
        assertSame(stream, s.startOn(healthyConnection(), Lsn.INVALID));
        timeline = "2";
        assertSame(stream, s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.INVALID, () -> false));
        systemId = "7999999999999999999";
        assertThrows(ClusterMismatchException.class,
                () -> s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.INVALID, () -> false));
    }

    @Test
    void closingDuringTheBackoffStopsReconnecting() {
        AtomicBoolean closed = new AtomicBoolean();
        SessionSupervisor s = new SessionSupervisor(ReplicationConfig.builder("postgresql://u@h/app").slot("s")
                .publications("p").reconnect(POLICY).build(), connections, starter, d -> closed.set(true), clock::get);
        assertNull(s.reconnect(new ConnectionClosedException("lost"), () -> Lsn.INVALID, closed::get));
        verify(connections, never()).open();
    }
}
