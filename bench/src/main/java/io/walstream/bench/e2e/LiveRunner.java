package io.walstream.bench.e2e;

import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark against a real PostgreSQL from the testkit harness: a backlog of {@code rows} inserted
 * rows (1,000-row transactions, the replay stream's columns) waits in one logical slot per client run, created
 * before the backlog; each client then drains its slot in a fresh JVM (after a warm-up on a slot of its own), as
 * {@link E2eRunner} does against the replay walsender. Here the walsender's decoding is the bottleneck, so
 * msgs/s shows whether a client keeps up and CPU per message what it costs to.
 *
 * <p>Options ({@code key=value}): {@code version} (16), {@code rows} (1000000), {@code rounds} (1), {@code warmup}
 * (100000), {@code modes}, {@code transports} ({@code nio}; also {@code netty}, {@code netty-nio} as in
 * {@link E2eRunner}), {@code clientJvm}, {@code before} (a benchmark jar built from an earlier commit: every
 * walstream client also runs from it, in the same rounds), {@code coalesce} (comma list of read-coalescing windows
 * in µs, each run as its own walstream client row, {@code 0} = off; empty = the library default),
 * {@code clientPrefix} (a command put before each client's {@code java}, {@code {run}} replaced by the run's
 * number, e.g. {@code strace -c -f -o /tmp/client-{run}.strace}). The zonky server binaries hold no
 * {@code pg_recvlogical}, so there is no pg_recvlogical row.
 *
 * <p><b>Thread safety:</b> a process entry point.
 */
public final class LiveRunner {

    private LiveRunner() {
    }

    /**
     * @param args {@code key=value} options
     * @throws Exception if the server or a client fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("version", "16");
        o.put("rows", "1000000");
        o.put("rounds", "1");
        o.put("warmup", "100000");
        o.put("modes", "PGJDBC,PLAIN,DECODED,TYPED,RAW,WALSTREAM,DRAIN,DRAIN_DECODED");
        o.put("transports", "nio");
        o.put("clientJvm", "-Xms256m -Xmx256m -XX:-UseDynamicNumberOfCompilerThreads");
        o.put("before", "");
        o.put("coalesce", "");
        o.put("clientPrefix", "");
        E2eRunner.options(o, args);
        int rounds = Integer.parseInt(o.get("rounds"));
        String cp = System.getProperty("java.class.path");
        // {mode, transport, round, class path, build label, coalescing µs or ""}
        List<String[]> runs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String m : o.get("modes").split(",")) {
                ClientMode mode = ClientMode.valueOf(m.trim());
                if (!mode.isWalstream()) {
                    runs.add(new String[] {mode.name(), "-", String.valueOf(r), cp, "", ""});
                    continue;
                }
                for (String t : o.get("transports").split(",")) {
                    for (String c : o.get("coalesce").split(",", -1)) {
                        runs.add(new String[] {mode.name(), t.trim(), String.valueOf(r), cp,
                            c.isBlank() ? "after" : "after-" + c.trim() + "us", c.trim()});
                    }
                    if (!o.get("before").isEmpty()) {
                        runs.add(new String[] {mode.name(), t.trim(), String.valueOf(r), o.get("before"), "before", ""});
                    }
                }
            }
        }
        PostgresConfig config = PostgresConfig.builder().setting("max_replication_slots", 2 * runs.size() + 4)
                .setting("max_wal_senders", 10).setting("wal_sender_timeout", "120s").build();
        try (PostgresServer server = PostgresServer.start(PostgresVersion.ofMajor(Integer.parseInt(o.get("version"))),
                config)) {
            String conn = "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres"
                    + " sslmode=disable";
            try (PgConnection sql = Connector.connect(conn)) {
                sql.query("CREATE TABLE bench_items (id bigint PRIMARY KEY, qty int, name text, at timestamptz,"
                        + " price numeric)");
                sql.query("CREATE PUBLICATION bench FOR TABLE bench_items");
                sql.query("SELECT pg_create_logical_replication_slot('probe', 'pgoutput')");
                for (int i = 0; i < runs.size(); i++) {
                    sql.query("SELECT pg_create_logical_replication_slot('m" + i + "', 'pgoutput')");
                    sql.query("SELECT pg_create_logical_replication_slot('w" + i + "', 'pgoutput')");
                }
                long rows = Long.parseLong(o.get("rows"));
                long t0 = System.nanoTime();
                for (long from = 1; from <= rows; from += 1000) {
                    long to = Math.min(rows, from + 999);
                    sql.query("INSERT INTO bench_items SELECT g, g % 500, 'item-' || g, timestamptz '2025-06-15"
                            + " 12:34:10+00' + g * interval '1 ms', (g % 10000) / 100.0 FROM generate_series(" + from
                            + ", " + to + ") g");
                }
                System.out.printf(Locale.ROOT, "PostgreSQL %s on %s:%d: backlog of %,d rows inserted in %.1f s%n",
                        server.serverVersion(), server.host(), server.port(), rows, (System.nanoTime() - t0) / 1e9);
            }
            long[] probe = probe(conn + " replication=database");
            System.out.printf(Locale.ROOT, "each slot holds %,d XLogData messages%n", probe[0]);
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                String[] run = runs.get(i);
                List<String> cmd = new ArrayList<>();
                if (!o.get("clientPrefix").isBlank()) { // e.g. "strace -c -f -o /tmp/client.strace"
                    cmd.addAll(Arrays.asList(o.get("clientPrefix").trim().replace("{run}", String.valueOf(i))
                            .split("\\s+")));
                }
                cmd.add(java);
                cmd.addAll(Arrays.asList(o.get("clientJvm").trim().split("\\s+")));
                cmd.addAll(E2eRunner.transportFlags(run[1]));
                if (!run[5].isEmpty()) {
                    cmd.add("-Dbench.readCoalescingMicros=" + run[5]);
                }
                cmd.addAll(List.of("-cp", run[3], E2eClient.class.getName(), run[0], server.host(),
                        String.valueOf(server.port()), "-2", o.get("warmup"), "postgres", "postgres", "m" + i, "w" + i,
                        String.valueOf(probe[0])));
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String line = null;
                try (BufferedReader pr = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = pr.readLine()) != null) {
                        if (l.startsWith("RESULT ")) {
                            line = l;
                        }
                    }
                }
                int rc = p.waitFor();
                if (line == null || rc != 0) {
                    System.out.println("run " + Arrays.toString(run) + " FAILED rc=" + rc);
                    continue;
                }
                System.out.println("round " + (Integer.parseInt(run[2]) + 1) + " " + run[4] + " " + line);
                String[] f = line.split(" ");
                long n = Long.parseLong(f[3]);
                long process = Long.parseLong(f[5]);
                long jit = Long.parseLong(f[10]);
                double[] v = {n / (Long.parseLong(f[4]) / 1e9), (process - jit) / 1e3 / n, process / 1e3 / n,
                        (double) Long.parseLong(f[7]) / n, Long.parseLong(f[9]) / 1024.0, Integer.parseInt(run[2])};
                results.computeIfAbsent(run[0] + " " + run[1] + " " + run[4], k -> new ArrayList<>()).add(v);
            }
            E2eRunner.print(results, rounds);
        }
    }

    /** Drains the probe slot until it is idle for 5 s: {messages, walStart of the last}. */
    private static long[] probe(String conn) {
        PgConnection c = Connector.connect(conn);
        try (WalStream s = WalStream.startLogical(c, LogicalStartOptions.of("probe", "bench"), new FeedbackPositions(),
                Duration.ofSeconds(10))) {
            long n = 0;
            long last = 0;
            XLogData x;
            while ((x = s.read(Duration.ofSeconds(5))) != null) {
                n++;
                last = x.walStart().value();
            }
            return new long[] {n, last};
        }
    }
}
