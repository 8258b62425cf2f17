package io.walstream.bench.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One client process of the end-to-end benchmark: warms up on a first connection, then consumes the whole replay
 * stream on a second and prints one {@code RESULT} line with what that second connection cost this process.
 *
 * <p>Measured over the second connection only: wall time; process CPU time (user + system, every thread of
 * this JVM: reader, event loop, timer, GC, JIT); CPU time and allocated bytes summed over the JVM's live Java
 * threads ({@code com.sun.management.ThreadMXBean}; a thread that ended inside the window is not counted);
 * CPU time of the JIT compiler threads ({@code /proc/self/task/}{@code *}{@code /stat}, threads named
 * {@code C1/C2 CompilerThread}), so that warm-up compilation can be left out of the client's cost;
 * resident set size and its peak ({@code /proc/self/status}).
 *
 * <p>Run: {@code java -cp benchmarks.jar io.walstream.bench.e2e.E2eClient MODE HOST PORT LAST_WAL_START
 * WARMUP_MESSAGES [USER DATABASE SLOT WARMUP_SLOT MESSAGES]}; the transport comes from {@code -Dwalstream.transport}.
 *
 * <p><b>Thread safety:</b> a process entry point.
 */
public final class E2eClient {

    private E2eClient() {
    }

    /**
     * @param args mode, host, port, walStart of the last message, messages to warm up with
     * @throws Exception if the client fails
     */
    public static void main(String[] args) throws Exception {
        ClientMode mode = ClientMode.valueOf(args[0]);
        ClientMode.Target target = new ClientMode.Target(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
        long warmup = Long.parseLong(args[4]);
        String warmupSlot = null;
        if (args.length > 5) { // a real server: user, database, slot to measure, slot to warm up on
            target = new ClientMode.Target(target.host(), target.port(), target.lastWalStart(), args[5], args[6], args[7]);
            warmupSlot = args[8];
        }
        if (warmup > 0) {
            mode.run(warmupSlot == null ? target : target.withSlot(warmupSlot), warmup);
        }
        System.gc();
        boolean threads = Boolean.getBoolean("bench.threads");
        ThreadTicks ticksBefore = threads ? ThreadTicks.take() : null;
        java.util.function.Supplier<ThreadTicks> ticksAfter = threads ? ThreadTicks.sample() : null;
        Snapshot before = Snapshot.take();
        long n = mode.run(target, args.length > 9 ? Long.parseLong(args[9]) : Long.MAX_VALUE);
        Snapshot after = Snapshot.take();
        if (threads) {
            ticksAfter.get().printSince(ticksBefore, System.err);
        }
        String transport = mode.isWalstream() ? System.getProperty("walstream.transport", "default") : "-";
        if (transport.equals("netty") && Boolean.getBoolean("io.netty.transport.noNative")) {
            transport = "netty-nio";
        }
        System.out.println("RESULT " + mode + " " + transport + " " + n + " " + (after.wall - before.wall) + " "
                + (after.processCpu - before.processCpu) + " " + after.threadCpuSince(before) + " "
                + after.allocatedSince(before) + " " + rssKb("VmRSS") + " " + rssKb("VmHWM") + " "
                + (after.compilerCpu - before.compilerCpu));
        System.out.flush();
        System.exit(0);
    }

    private static long rssKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }

    /** Counters at one instant. */
    private static final class Snapshot {
        final long wall = System.nanoTime();
        final long processCpu;
        final long compilerCpu = compilerCpuNanos();
        final Map<Long, long[]> threads = new HashMap<>();

        private Snapshot() {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] ids = tm.getAllThreadIds();
            long[] cpu = tm.getThreadCpuTime(ids);
            long[] alloc = tm.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                threads.put(ids[i], new long[] {Math.max(0, cpu[i]), Math.max(0, alloc[i])});
            }
            processCpu = os.getProcessCpuTime();
        }

        /** CPU time of the JIT compiler threads, from /proc (clock ticks, assumed 100 Hz); 0 elsewhere. */
        private static long compilerCpuNanos() {
            long ticks = 0;
            try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path t : tasks) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue;
                    }
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String[] f = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
            return ticks * 10_000_000L;
        }

        static Snapshot take() {
            return new Snapshot();
        }

        long threadCpuSince(Snapshot before) {
            return sumSince(before, 0);
        }

        long allocatedSince(Snapshot before) {
            return sumSince(before, 1);
        }

        private long sumSince(Snapshot before, int k) {
            long sum = 0;
            for (Map.Entry<Long, long[]> e : threads.entrySet()) {
                long[] b = before.threads.get(e.getKey());
                sum += e.getValue()[k] - (b == null ? 0 : b[k]);
            }
            return sum;
        }
    }
}
