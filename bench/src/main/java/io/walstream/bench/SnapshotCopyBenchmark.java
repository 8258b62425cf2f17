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
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * End-to-end snapshot throughput on a real server (not JMH: one long copy per configuration): a table of
 * {@code rows} rows {@code (id bigint, qty int, name text, at timestamptz, price numeric)} copied by
 * {@link TableSnapshot} with one worker and with two (ctid ranges), every column decoded through its typed
 * accessor, against {@code psql -c "\copy t TO '/dev/null'"} and pgjdbc's {@code CopyManager.copyOut} (bytes
 * only, no row splitting: the floor of a Java client) in the same run. Each configuration runs
 * {@code rounds} times (the first warms the JIT and the page cache) and the last round is printed.
 *
 * <p>Columns: rows/s; wall seconds; client CPU (walstream and pgjdbc: this JVM's process CPU time, including
 * JIT and GC; psql: user+sys of the child from {@code /usr/bin/time}); for walstream, the consumer thread's own
 * CPU (the handler and the batch hand-off; the rest is the workers, GC and JIT); and the server's CPU (the
 * postmaster and its children, from {@code /proc}: mostly the COPY backends). Per-row figures divide by the rows.
 *
 * <pre>
 * java -Dwalstream.postgres.binaries=integration-tests/target/postgres-binaries \
 *      -cp bench/target/benchmarks.jar io.walstream.bench.SnapshotCopyBenchmark \
 *      [rows=5000000] [major=16] [psql path or auto] [binary=false|true|both] [typed=true] [rounds=2]
 * </pre>
 *
 * <p>{@code auto} looks for psql in the server's own bin directory, then in {@code /usr/lib/postgresql/}*{@code /bin},
 * then on the {@code PATH}; without one, the psql line is skipped and pgjdbc is the baseline.
 *
 * <p><b>Thread safety:</b> a program; single-threaded apart from the snapshot's workers.
 */
public final class SnapshotCopyBenchmark {

    private SnapshotCopyBenchmark() {
    }

    /** One configuration's figures. */
    private record Result(String name, long rows, double secs, double clientCpu, double consumerCpu,
                          double serverCpu) {

        String format(double baselineRowsPerSec) {
            double rps = rows / secs;
            return String.format(Locale.ROOT, "| %-44s | %,10.0f | %5.2fx | %6.2f | %6.2f (%4.2f us/row) | %s | %s |",
                    name, rps, baselineRowsPerSec > 0 ? rps / baselineRowsPerSec : Double.NaN, secs, clientCpu,
                    clientCpu * 1e6 / rows, consumerCpu >= 0 ? String.format(Locale.ROOT, "%6.2f", consumerCpu) : "     -",
                    serverCpu >= 0 ? String.format(Locale.ROOT, "%6.2f (%4.2f us/row)", serverCpu,
                            serverCpu * 1e6 / rows) : "-");
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int major = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String psqlArg = args.length > 2 ? args[2] : "auto";
        String formatArg = args.length > 3 ? args[3] : "false";
        List<Boolean> formats = "both".equals(formatArg) ? List.of(false, true)
                : List.of(Boolean.parseBoolean(formatArg)); // "both": text and binary COPY in the same run
        boolean binary = formats.size() == 1 && formats.get(0);
        boolean typed = args.length <= 4 || Boolean.parseBoolean(args[4]);
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        try (PostgresServer server = PostgresServer.start(PostgresVersion.ofMajor(major))) {
            String base = "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres";
            ConnectionConfig sqlConfig = ConnectionConfig.parse(base);
            String psql = "auto".equals(psqlArg) ? findPsql(server) : psqlArg;
            ServerCpu serverCpu = ServerCpu.of(server.dataDirectory());
            try (PgConnection sql = Connector.connect(sqlConfig)) {
                sql.query("CREATE TABLE t (id bigint PRIMARY KEY, qty int, name text, at timestamptz, price numeric)");
                sql.query("INSERT INTO t SELECT g, g % 1000, 'item number ' || g, now() - g * interval '1 second',"
                        + " (g % 100000) / 100.0 FROM generate_series(1, " + rows + ") g");
                sql.query("VACUUM ANALYZE t");
                sql.query("CREATE PUBLICATION bench_pub FOR TABLE t");
                String size = sql.query("SELECT pg_size_pretty(pg_relation_size('t'))").getString(0, 0);
                System.out.printf(Locale.ROOT, "PostgreSQL %s, %d rows, table %s, %s COPY, %s, %d cores, load average"
                        + " %.1f, psql: %s, server CPU: %s%n", server.serverVersion(), rows, size,
                        formats.size() == 2 ? "text and binary" : binary ? "binary" : "text", typed ? "every column decoded" : "rows not decoded",
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        psql == null ? "none found" : psql, serverCpu == null ? "unavailable" : "from /proc");
            }
            List<Result> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) { // the first round warms the JIT and the page cache
                results.clear();
                if (psql != null) {
                    results.add(psqlCopy(psql, server, rows, serverCpu));
                }
                results.add(pgjdbc(server, rows, serverCpu));
                for (boolean b : formats) {
                    results.add(walstream(server, base, 1, b, typed, serverCpu));
                    results.add(walstream(server, base, 2, b, typed, serverCpu));
                }
            }
            double baseline = results.get(0).rows() / results.get(0).secs();
            System.out.println("| run | rows/s | vs " + results.get(0).name().split(" ")[0] + " | wall s | client CPU s"
                    + " | consumer thread CPU s | server CPU s |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            results.forEach(r -> System.out.println(r.format(baseline)));
            System.out.printf(Locale.ROOT, "load average at the end %.1f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Result walstream(PostgresServer server, String base, int workers, boolean binary, boolean typed,
                                    ServerCpu serverCpu) throws InterruptedException {
        long[] sink = {0};
        long rows;
        double secs;
        double cpu;
        double consumer;
        int idle = serverCpu == null ? 0 : serverCpu.children();
        double s0;
        try (PgConnection repl = Connector.connect(ConnectionConfig.parse(base + " replication=database"))) {
            CreatedSlot slot = new ReplicationCommands(repl).createReplicationSlot(CreateSlotRequest
                    .logical("bench_slot_" + workers, "pgoutput").withTemporary(true)
                    .withSnapshot(SnapshotAction.EXPORT));
            s0 = serverCpu == null ? -1 : serverCpu.seconds();
            long cpu0 = processCpuNanos();
            long main0 = threadCpuNanos();
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
            secs = (System.nanoTime() - t0) / 1e9;
            cpu = (processCpuNanos() - cpu0) / 1e9;
            consumer = (threadCpuNanos() - main0) / 1e9;
            rows = p.rows();
        }
        double serverSecs = -1;
        if (serverCpu != null) {
            serverCpu.settle(idle);
            serverSecs = serverCpu.seconds() - s0;
        }
        return new Result(String.format(Locale.ROOT, "walstream %d worker%s, %s (checksum %d)", workers,
                workers == 1 ? "" : "s", binary ? "binary" : "text", sink[0]), rows, secs, cpu, consumer, serverSecs);
    }

    private static Result pgjdbc(PostgresServer server, int rows, ServerCpu serverCpu) throws Exception {
        int idle = serverCpu == null ? 0 : serverCpu.children();
        double s0 = serverCpu == null ? -1 : serverCpu.seconds();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long[] bytes = {0};
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port()
                + "/postgres?user=postgres&sslmode=disable")) {
            new CopyManager(c.unwrap(BaseConnection.class)).copyOut("COPY t TO STDOUT", new OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            });
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double serverSecs = -1;
        if (serverCpu != null) {
            serverCpu.settle(idle);
            serverSecs = serverCpu.seconds() - s0;
        }
        return new Result("pgjdbc CopyManager.copyOut, bytes only", rows, secs, cpu, -1, serverSecs);
    }

    private static Result psqlCopy(String psql, PostgresServer server, int rows, ServerCpu serverCpu)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", psql, "-X", "-q", "-h", server.host(),
                "-p", Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c",
                "\\copy t TO '/dev/null'");
        pb.redirectErrorStream(true);
        int idle = serverCpu == null ? 0 : serverCpu.children();
        double s0 = serverCpu == null ? -1 : serverCpu.seconds();
        long t0 = System.nanoTime();
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = proc.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        double serverSecs = -1;
        if (serverCpu != null) {
            serverCpu.settle(idle);
            serverSecs = serverCpu.seconds() - s0;
        }
        String[] lines = out.split("\n");
        String[] cpu = lines[lines.length - 1].trim().split(" ");
        if (rc != 0 || cpu.length != 2) {
            throw new IllegalStateException("psql failed (exit " + rc + "): " + out);
        }
        return new Result("psql \\copy t TO '/dev/null'", rows, secs,
                Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]), -1, serverSecs);
    }

    /** @return psql from the server's bin directory, else the newest Debian one, else on the PATH, else null */
    private static String findPsql(PostgresServer server) {
        Path own = server.binDirectory().resolve("psql");
        if (Files.isExecutable(own)) {
            return own.toString();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path debian = versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable)
                    .max(Comparator.comparing(Path::toString)).orElse(null);
            if (debian != null) {
                return debian.toString();
            }
        } catch (IOException e) {
            // not Debian
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "psql"))) {
                return Path.of(dir, "psql").toString();
            }
        }
        return null;
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
