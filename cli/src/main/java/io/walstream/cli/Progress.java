package io.walstream.cli;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.StreamMetrics;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line on stderr, at a steady one-second cadence (never one line per message): changes/s, bytes/s,
 * received and flushed LSN, and the lag behind the server — bytes from the last keepalive's WAL end minus the
 * flushed position, seconds as {@link Lag} computes them from the keepalives; both 0 once the loop found nothing
 * to read after the last keepalive (see {@link Lag#idleSinceKeepalive}). On a
 * terminal the line is rewritten in place; otherwise one line per second.
 *
 * <p><b>Thread safety:</b> runs on its own daemon thread; {@link #stop()} may be called from any thread.
 */
final class Progress implements Runnable {
    private final LogicalReplicationStream stream;
    private final Counters counters;
    private final PrintStream err;
    private final boolean inPlace;
    private volatile boolean running = true;
    private Thread thread;
    private long lastChanges;
    private long lastBytes;
    private long lastNanos = System.nanoTime();
    private boolean shown;

    Progress(LogicalReplicationStream stream, Counters counters, PrintStream err, boolean inPlace) {
        this.stream = stream;
        this.counters = counters;
        this.err = err;
        this.inPlace = inPlace;
    }

    void start() {
        thread = new Thread(this, "walstream-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code output} (which writes to the terminal) with the in-place progress line cleared first, so change
     * lines never mix with it; the next tick draws it again below them.
     */
    synchronized void whileCleared(Runnable output) {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
        output.run();
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (inPlace) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    @Override
    public void run() {
        long next = System.nanoTime() + 1_000_000_000L;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += 1_000_000_000L;
            String text = line();
            synchronized (this) {
                if (running) {
                    err.print(text + (inPlace ? "" : "\n"));
                    err.flush();
                    shown = inPlace;
                }
            }
        }
    }

    String line() {
        StreamMetrics m = stream.metrics();
        long now = System.nanoTime();
        double secs = Math.max(1e-3, (now - lastNanos) / 1e9);
        long changes = counters.changes.get();
        double changeRate = (changes - lastChanges) / secs;
        double byteRate = (m.bytes() - lastBytes) / secs;
        lastChanges = changes;
        lastBytes = m.bytes();
        lastNanos = now;
        Lsn written = counters.lastWrittenEnd;
        double lagSeconds = Lag.seconds(written.isValid() ? written : m.flushed(), m.serverWalEnd(),
                m.lastKeepalive(), counters.lastCommitTime, counters.lastIdle);
        String text = String.format(Locale.ROOT,
                "%s changes %,d (%,.0f/s)  %s/s  received %s  flushed %s  lag %s, %s",
                inPlace ? "\r\033[K" : "progress:", changes, changeRate, bytes(byteRate), m.received(), m.flushed(),
                bytes(Lag.idleSinceKeepalive(m.lastKeepalive(), counters.lastIdle) ? 0 : m.lagBytes()),
                Lag.format(lagSeconds));
        return text;
    }

    static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
    }
}
