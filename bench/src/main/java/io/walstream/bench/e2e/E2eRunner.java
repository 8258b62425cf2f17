package io.walstream.bench.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the end-to-end benchmark: starts a {@link ReplayWalsender} process, then, for each round, one fresh
 * {@link E2eClient} process per client and transport, one after another, and prints the medians over the rounds
 * as a Markdown table (and every raw {@code RESULT} line before it).
 *
 * <p>Options ({@code key=value}): {@code messages} (5000000), {@code rounds} (3), {@code warmup} (1000000
 * messages consumed on a first connection before the measured one), {@code modes} (comma list of
 * {@link ClientMode} names, default all), {@code transports} ({@code nio,netty}; {@code netty} uses native epoll
 * where it loads, {@code netty-nio} is netty with native transports disabled), {@code clientJvm} (extra client
 * JVM flags separated by spaces, default {@code -Xms256m -Xmx256m -XX:-UseDynamicNumberOfCompilerThreads}),
 * {@code before} (path of a benchmark jar built from an earlier commit: every walstream client also runs from it,
 * in the same rounds, for a same-run before/after comparison; empty = none).
 *
 * <p>Client CPU per message is the process's CPU time over the measured connection minus the JIT compiler
 * threads' (warm-up compilation is not the client's steady-state cost); the process total is shown beside it.
 *
 * <p><b>Thread safety:</b> a process entry point.
 */
public final class E2eRunner {

    private E2eRunner() {
    }

    /**
     * @param args {@code key=value} options
     * @throws Exception if a process fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("messages", "5000000");
        o.put("rounds", "3");
        o.put("warmup", "1000000");
        o.put("modes", "PGJDBC,PLAIN,DECODED,TEXT,TYPED,RAW,WALSTREAM,DRAIN,DRAIN_DECODED");
        o.put("transports", "nio,netty");
        o.put("clientJvm", "-Xms256m -Xmx256m -XX:-UseDynamicNumberOfCompilerThreads");
        o.put("before", "");
        options(o, args);
        String java = Path.javaBin();
        String cp = System.getProperty("java.class.path");
        Process server = new ProcessBuilder(java, "-Xmx1g", "-XX:MaxDirectMemorySize=3g", "-cp", cp,
                ReplayWalsender.class.getName(), o.get("messages"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader sr = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String[] ready = sr.readLine().split(" ");
            int port = Integer.parseInt(ready[1]);
            long messages = Long.parseLong(ready[2]);
            String last = ready[3];
            System.out.printf(Locale.ROOT, "replay walsender on 127.0.0.1:%d: %,d messages, %,d bytes%n", port,
                    messages, Long.parseLong(ready[4]));
            List<String[]> runs = new ArrayList<>();
            for (String m : o.get("modes").split(",")) {
                ClientMode mode = ClientMode.valueOf(m.trim());
                if (mode.isWalstream()) {
                    for (String t : o.get("transports").split(",")) {
                        runs.add(new String[] {mode.name(), t.trim(), cp, "after"});
                        if (!o.get("before").isEmpty()) {
                            runs.add(new String[] {mode.name(), t.trim(), o.get("before"), "before"});
                        }
                    }
                } else {
                    runs.add(new String[] {mode.name(), "-", cp, ""});
                }
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            int rounds = Integer.parseInt(o.get("rounds"));
            for (int r = 0; r < rounds; r++) {
                for (String[] run : runs) {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(java);
                    cmd.addAll(Arrays.asList(o.get("clientJvm").trim().split("\\s+")));
                    cmd.addAll(transportFlags(run[1]));
                    cmd.addAll(List.of("-cp", run[2], E2eClient.class.getName(), run[0], "127.0.0.1",
                            String.valueOf(port), last, o.get("warmup")));
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
                        System.out.println("round " + (r + 1) + " " + run[0] + " " + run[1] + " FAILED rc=" + rc);
                        continue;
                    }
                    System.out.println("round " + (r + 1) + " " + run[3] + " " + line);
                    String[] f = line.split(" ");
                    long n = Long.parseLong(f[3]);
                    double wall = Long.parseLong(f[4]);
                    long process = Long.parseLong(f[5]);
                    long jit = f.length > 10 ? Long.parseLong(f[10]) : 0;
                    double[] v = {n / (wall / 1e9), (process - jit) / 1e3 / n, process / 1e3 / n,
                            (double) Long.parseLong(f[7]) / n, Long.parseLong(f[9]) / 1024.0, r};
                    results.computeIfAbsent(run[0] + " " + run[1] + " " + run[3], k -> new ArrayList<>()).add(v);
                }
            }
            print(results, rounds);
        } finally {
            server.destroy();
        }
    }

    /**
     * @param transport a transport name of the {@code transports} option, or {@code -} for a client without one
     * @return the client JVM flags that select it: {@code netty-nio} is netty with native transports disabled
     */
    /**
     * Overrides defaults with {@code key=value} arguments.
     *
     * @param o the options with their defaults, updated in place
     * @param args the arguments
     * @throws IllegalArgumentException for an unknown key or an argument without {@code =}
     */
    static void options(Map<String, String> o, String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown option " + a + "; known: " + o.keySet());
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    static List<String> transportFlags(String transport) {
        if (transport.equals("-")) {
            return List.of();
        }
        if (transport.equals("netty-nio")) {
            return List.of("-Dwalstream.transport=netty", "-Dio.netty.transport.noNative=true");
        }
        return List.of("-Dwalstream.transport=" + transport);
    }

    static void print(Map<String, List<double[]>> results, int rounds) {
        List<double[]> base = results.get("PGJDBC - ");
        System.out.println();
        System.out.println("| client | transport | build | msgs/s | × pgjdbc | client CPU µs/msg (no JIT) | process CPU"
                + " µs/msg | allocated B/msg | peak RSS MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            String[] key = e.getKey().split(" ", -1);
            List<double[]> v = e.getValue();
            List<Double> ratios = new ArrayList<>();
            if (base != null) {
                for (double[] x : v) {
                    for (double[] b : base) {
                        if (b[5] == x[5]) {
                            ratios.add(x[0] / b[0]);
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f M | %s | %.3f | %.3f | %,.0f | %.0f |%n",
                    ClientMode.valueOf(key[0]).label(), key[1], key[2], median(v, 0) / 1e6,
                    ratios.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", median(ratios)), median(v, 1),
                    median(v, 2), median(v, 3), median(v, 4));
        }
        System.out.println();
        System.out.println("Medians over " + rounds + " rounds; × pgjdbc is the median of same-round ratios.");
    }

    private static double median(List<double[]> v, int k) {
        List<Double> xs = new ArrayList<>();
        for (double[] x : v) {
            xs.add(x[k]);
        }
        return median(xs);
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Where the running JVM's {@code java} is. */
    private static final class Path {
        static String javaBin() {
            return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        }
    }

}
