package io.walstream.it;

import io.walstream.FlushMode;
import io.walstream.Lsn;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationConfig;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Helpers for the {@link io.walstream.LogicalReplicationStream} live tests: configs, slot positions, waiting. */
final class LiveStreams {

    private LiveStreams() {
    }

    /**
     * The transport for scenarios too slow to run twice per version: alternates per major version
     * (14, 16, 18 → nio; 15, 17 → netty), so both transports are covered across the matrix.
     */
    static String alternatingTransport(PostgresVersion version) {
        return version.major() % 2 == 0 ? "nio" : "netty";
    }

    /** A builder for the superuser on {@code postgres}, with the given transport and a short status interval. */
    static ReplicationConfig.Builder config(PostgresServer server, String transport, String slot, String... pubs) {
        return configWith(server, "", transport, slot, pubs);
    }

    /** {@link #config} with {@code extra} connection-string keys (e.g. {@code sslmode=verify-full ...}). */
    static ReplicationConfig.Builder configWith(PostgresServer server, String extra, String transport, String slot,
                                               String... pubs) {
        String keys = "user=postgres dbname=postgres replication=database";
        return ReplicationConfig.builder(Live.config(server, extra.isEmpty() ? keys : keys + " " + extra))
                .slot(slot).publications(pubs).flushMode(FlushMode.ON_COMMIT).statusInterval(Duration.ofMillis(500))
                .transportOptions(Live.transport(transport));
    }

    /** Many attempts and a long budget: a permanent failure that were retried would take minutes to surface. */
    static ReconnectPolicy patientPolicy() {
        return new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(500), 10_000, Duration.ofMinutes(10));
    }

    static void createSlot(PgConnection sql, String slot) {
        sql.query("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    static void dropSlotQuietly(PostgresServer server, String slot) {
        Slots.dropIfExists(server, "nio", slot);
    }

    static Lsn confirmedFlush(PgConnection sql, String slot) {
        String v = sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                .getString(0, 0);
        return v == null ? Lsn.INVALID : Lsn.parse(v);
    }

    static boolean slotActive(PgConnection sql, String slot) {
        return "t".equals(sql.query("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                .getString(0, 0));
    }

    static String walsenderPid(PgConnection sql, String slot) {
        return sql.query("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
                .getString(0, 0);
    }

    static Lsn currentLsn(PgConnection sql) {
        return Lsn.parse(sql.query("SELECT pg_current_wal_lsn()").getString(0, 0));
    }

    /** Polls {@code condition} every 50 ms; returns whether it became true within {@code within}. */
    static boolean await(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
