package io.walstream.bench;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import io.walstream.pgoutput.Row;
import io.walstream.snapshot.SnapshotProgress;
import io.walstream.snapshot.TableSnapshot;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end snapshot throughput on a real server (not JMH: one long copy per configuration): a table of
 * {@code rows} rows {@code (id bigint, qty int, name text, at timestamptz, price numeric)} copied by
 * {@link TableSnapshot} with one worker and with two (ctid ranges), every column decoded through its typed
 * accessor, against {@code psql -c "\copy t TO '/dev/null'"} in the same run. Reports rows/s and client CPU
 * seconds (this JVM's process CPU time for walstream; user+sys of the psql child, from {@code /usr/bin/time}).
 *
 * <pre>
 * java -Dwalstream.postgres.binaries=integration-tests/target/postgres-binaries \
 *      -cp bench/target/benchmarks.jar io.walstream.bench.SnapshotCopyBenchmark \
 *      [rows=5000000] [major=16] [psql path] [binary=false] [typed=true]
 * </pre>
 *
 * <p><b>Thread safety:</b> a program; single-threaded apart from the snapshot's workers.
 */
public final class SnapshotCopyBenchmark {

    private SnapshotCopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int major = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String psql = args.length > 2 ? args[2] : "psql";
        boolean binary = args.length > 3 && Boolean.parseBoolean(args[3]);
        boolean typed = args.length <= 4 || Boolean.parseBoolean(args[4]);
        try (PostgresServer server = PostgresServer.start(PostgresVersion.ofMajor(major))) {
            String base = "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres";
            ConnectionConfig sqlConfig = ConnectionConfig.parse(base);
            try (PgConnection sql = Connector.connect(sqlConfig)) {
                sql.query("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name text, at timestamptz, price numeric)");
                sql.query("INSERT INTO t SELECT g, g % 1000, 'item number ' || g, now() - g * interval '1 second',"
                        + " (g % 100000) / 100.0 FROM generate_series(1, " + rows + ") g");
                sql.query("VACUUM ANALYZE t");
                sql.query("CREATE PUBLICATION bench_pub FOR TABLE t");
                String size = sql.query("SELECT pg_size_pretty(pg_relation_size('t'))").getString(0, 0);
                System.out.printf(Locale.ROOT, "PostgreSQL %s, %d rows, table %s, %s COPY, %d cores%n",
                        server.serverVersion(), rows, size, binary ? "binary" : "text",
                        Runtime.getRuntime().availableProcessors());
            }
            List<String> lines = new ArrayList<>();
            for (int round = 0; round < 2; round++) { // the first round warms the JIT and the page cache
                lines.clear();
                lines.add(psqlCopy(psql, server, rows));
                lines.add(walstream(server, base, 1, binary, typed));
                lines.add(walstream(server, base, 2, binary, typed));
            }
            lines.forEach(System.out::println);
        }
    }

    private static String walstream(PostgresServer server, String base, int workers, boolean binary,
                                    boolean typed) {
        try (PgConnection repl = Connector.connect(ConnectionConfig.parse(base + " replication=database"))) {
            CreatedSlot slot = new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest
                    .logical("bench_slot_" + workers, "pgoutput").withTemporary(true)
                    .withSnapshot(SnapshotAction.EXPORT));
            long[] sink = {0};
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            SnapshotProgress p = TableSnapshot.builder(ConnectionConfig.parse(base)).publications("bench_pub")
                    .snapshotName(slot.snapshotName()).workers(workers).binary(binary).pagesPerChunk(4096)
                    .build().run(r -> {
                        Row row = r.row();
                        if (!typed) {
                            sink[0] += row.size();
                            return;
                        }
                        sink[0] += row.get(0).asLong() + row.get(1).asInt() + row.get(2).asString().length()
                                + row.get(3).asOffsetDateTime().getSecond() + row.get(4).asBigDecimal().scale();
                    });
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            return String.format(Locale.ROOT, "walstream %d worker(s)%s: %d rows in %.2f s = %.0f rows/s, client CPU"
                    + " %.2f s (checksum %d)", workers, typed ? ", every column decoded" : ", rows not decoded",
                    p.rows(), secs, p.rows() / secs, cpu, sink[0]);
        }
    }

    private static String psqlCopy(String psql, PostgresServer server, int rows) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", psql, "-X", "-q", "-h", server.host(),
                "-p", Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c",
                "\\copy t TO '/dev/null'");
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = proc.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        String[] lines = out.split("\n");
        String[] cpu = lines[lines.length - 1].trim().split(" ");
        double cpuSecs = rc == 0 && cpu.length == 2 ? Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]) : -1;
        return String.format(Locale.ROOT, "psql \\copy to /dev/null: %d rows in %.2f s = %.0f rows/s, client CPU"
                + " %.2f s (exit %d)", rows, secs, rows / secs, cpuSecs, rc);
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
