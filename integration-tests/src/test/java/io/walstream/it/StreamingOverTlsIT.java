package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.PostgresVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logical replication over TLS end to end (sslmode=verify-full, channel binding, on a server that accepts only
 * TLS): every committed row arrives once and in commit order — including a 4 MiB transaction, whose records fill
 * many TLS records — the walsender's session is encrypted ({@code pg_stat_ssl}), and after the walsender is
 * terminated the stream reconnects over TLS and resumes without loss. 16 runs it on nio, 17 on netty.
 */
@PostgresTest
@PostgresVersions({16, 17})
class StreamingOverTlsIT {

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .serverTls(TlsLive.pki().serverTls())
                .hbaLines(List.of(
                        "local all all trust",
                        "hostssl all,replication all 127.0.0.1/32 trust",
                        "hostnossl all,replication all 127.0.0.1/32 reject"))
                .build();
    }

    @Test
    void commitOrderLargeTransactionAndReconnectOverTls(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String slot = "tls_stream_" + version.major();
        try (PgConnection sql = Live.sql(server, t)) {
            sql.query("CREATE TABLE tls_t (id int PRIMARY KEY, payload text)");
            sql.query("CREATE PUBLICATION tls_pub FOR TABLE tls_t");
            LiveStreams.createSlot(sql, slot);
            for (int i = 1; i <= 50; i++) {
                sql.query("INSERT INTO tls_t VALUES (" + i + ", 'row-" + i + "')");
            }
            // one transaction of 2000 rows x ~2 KiB
            sql.query("INSERT INTO tls_t SELECT g, repeat(md5(g::text), 64) FROM generate_series(1001, 3000) g");
            ReplicationConfig config = ReplicationConfig.builder(Live.config(server, "user=postgres dbname=postgres"
                    + " replication=database sslmode=verify-full " + TlsLive.root()))
                    .slot(slot).publications("tls_pub").statusInterval(Duration.ofMillis(500))
                    .reconnect(LiveStreams.patientPolicy()).transportOptions(Live.transport(t)).build();
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                List<Integer> ids = new ArrayList<>();
                int commits = 0;
                while (commits < 51) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                    assertNotNull(e, "timed out after " + ids.size() + " rows");
                    if (e.message() instanceof Insert) {
                        ids.add(e.newRow().get("id").asInt());
                    } else if (e.message() instanceof Commit) {
                        commits++;
                    }
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    expected.add(i);
                }
                for (int i = 1001; i <= 3000; i++) {
                    expected.add(i);
                }
                assertEquals(expected, ids);
                assertEquals("t", sql.query("SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)"
                        + " WHERE r.application_name IS NOT NULL LIMIT 1").getString(0, 0), "the walsender runs over TLS");

                // kill the walsender: the stream reconnects (over TLS again) and loses nothing
                sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_replication");
                sql.query("INSERT INTO tls_t VALUES (5000, 'after-terminate')");
                Integer after = null;
                while (after == null) {
                    ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                    assertNotNull(e, "no event after the walsender was terminated");
                    if (e.message() instanceof Insert && e.newRow().get("id").asInt() == 5000) {
                        after = 5000;
                    }
                }
                assertTrue(stream.metrics().reconnects() >= 1, "reconnects " + stream.metrics().reconnects());
                String query = "SELECT count(*) FILTER (WHERE s.ssl) || '/' || count(*) FROM pg_stat_replication r"
                        + " JOIN pg_stat_ssl s USING (pid)";
                assertTrue(LiveStreams.await(() -> "1/1".equals(sql.query(query).getString(0, 0)),
                        Duration.ofSeconds(10)), "TLS walsenders/walsenders: " + sql.query(query).getString(0, 0)
                        + "; " + sql.query("SELECT string_agg(pid || ' ' || state, ', ') FROM pg_stat_replication")
                        .getString(0, 0));
            } finally {
                LiveStreams.dropSlotQuietly(server, slot);
            }
        }
    }
}
