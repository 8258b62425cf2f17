package io.walstream.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-thread CPU time of this process from {@code /proc/self/task/}{@code *}{@code /stat} (user and system clock
 * ticks, 100 Hz), for seeing which thread — reader, event loop, GC, JIT — a client's CPU goes to. A diagnostic of
 * the end-to-end client, printed only when {@code -Dbench.threads=true}; empty on systems without {@code /proc}.
 *
 * <p><b>Thread safety:</b> immutable once taken.
 */
final class ThreadTicks {

    /** tid → {name, user ticks, system ticks}. */
    private final Map<String, String[]> tasks = new TreeMap<>();

    private ThreadTicks() {
    }

    /**
     * Starts a daemon thread that re-reads the counters every 20 ms until {@code stop} is run, so that a thread
     * that ends inside the window (a Netty event loop shut down on close) still shows with its last figures.
     *
     * @return stops the sampler and gives the last sample merged with one taken now
     */
    static java.util.function.Supplier<ThreadTicks> sample() {
        ThreadTicks merged = take();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                ThreadTicks now = take();
                synchronized (merged) {
                    merged.tasks.putAll(now.tasks);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-ticks");
        t.setDaemon(true);
        t.start();
        return () -> {
            stop.set(true);
            ThreadTicks now = take();
            synchronized (merged) {
                merged.tasks.putAll(now.tasks);
                return merged;
            }
        };
    }

    static ThreadTicks take() {
        ThreadTicks t = new ThreadTicks();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path p : dir) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                t.tasks.put(p.getFileName().toString(), new String[] {stat.substring(open + 1, close), f[11], f[12]});
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to show
        }
        return t;
    }

    /** Prints every thread that used CPU since {@code before}, busiest first, in milliseconds. */
    void printSince(ThreadTicks before, PrintStream out) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String[]> e : tasks.entrySet()) {
            String[] a = e.getValue();
            String[] b = before.tasks.get(e.getKey());
            long user = Long.parseLong(a[1]) - (b == null ? 0 : Long.parseLong(b[1]));
            long sys = Long.parseLong(a[2]) - (b == null ? 0 : Long.parseLong(b[2]));
            if (user + sys > 0) {
                lines.add(String.format(Locale.ROOT, "%08d THREADS %-16s user %6d ms  sys %6d ms", 99_999_999 - (user + sys),
                        a[0], user * 10, sys * 10));
            }
        }
        lines.sort(null);
        for (String l : lines) {
            out.println(l.substring(9));
        }
    }
}
