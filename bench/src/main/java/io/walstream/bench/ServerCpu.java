package io.walstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by a local PostgreSQL server, from Linux {@code /proc}: the postmaster's own user+system time,
 * the time of its children that exited and were reaped ({@code cutime}+{@code cstime}, where a finished backend's
 * time goes), and the time of the children still running. The difference of two readings around a run is the
 * server's CPU for that run (backends, and the little the background processes used meanwhile), at the kernel's
 * clock-tick resolution (10 ms). Take the second reading after the run's connections closed and their backends
 * were reaped (see {@link #settle}).
 *
 * <p><b>Thread safety:</b> immutable; readings are independent.
 */
final class ServerCpu {
    private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

    private final long postmasterPid;

    private ServerCpu(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /**
     * @param dataDirectory the server's data directory (its {@code postmaster.pid} names the postmaster)
     * @return a reader, or {@code null} if {@code /proc} or the pid file is unreadable (not Linux, other user)
     */
    static ServerCpu of(Path dataDirectory) {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            ServerCpu cpu = new ServerCpu(Long.parseLong(first));
            return cpu.seconds() >= 0 ? cpu : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the server's CPU seconds so far, or -1 if unreadable */
    double seconds() {
        long[] pm = stat(postmasterPid);
        if (pm == null) {
            return -1;
        }
        long ticks = pm[1] + pm[2] + pm[3] + pm[4];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    long[] s = stat(Long.parseLong(name));
                    if (s != null && s[0] == postmasterPid) {
                        ticks += s[1] + s[2] + s[3] + s[4];
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * TICK_SECONDS;
    }

    /** Waits until the postmaster has no more than {@code children} children (ended backends reaped), up to 5 s. */
    void settle(int children) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && ProcessHandle.of(postmasterPid)
                .map(h -> h.children().count()).orElse(0L) > children) {
            Thread.sleep(20);
        }
        Thread.sleep(50);
    }

    /** @return the number of the postmaster's children now */
    int children() {
        return (int) ProcessHandle.of(postmasterPid).map(h -> h.children().count()).orElse(0L).longValue();
    }

    /** @return {ppid, utime, stime, cutime, cstime} in ticks, or null if the process is gone */
    private static long[] stat(long pid) {
        String s;
        try {
            s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        // after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime ... (comm may hold spaces and parentheses: split after the last ')')
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
            Long.parseLong(f[14])};
    }
}
