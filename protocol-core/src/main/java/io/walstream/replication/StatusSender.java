package io.walstream.replication;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's periodic status updates on its own daemon thread ({@code walstream-status-N}): a write that
 * blocks because the peer stopped reading delays this stream only, never another stream's updates (which a
 * shared timer thread did).
 *
 * <p><b>Thread safety:</b> {@link #start()}, {@link #wake()} and {@link #stop()} may be called from any thread.
 */
final class StatusSender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StatusSender.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What to do on every tick; a failure is reported through {@link #failure()} and ends the sender. */
    interface Tick {
        void run();
    }

    private final long periodNanos;
    private final Tick tick;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    StatusSender(long periodNanos, Tick tick) {
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), periodNanos);
        this.tick = tick;
        this.thread = new Thread(this, "walstream-status-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Sends now instead of at the next tick. */
    void wake() {
        LockSupport.unpark(thread);
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /** @return the failure that ended the sender, or {@code null} */
    RuntimeException failure() {
        return failure;
    }

    /** @return whether this is the sender's own thread (to avoid waiting on itself) */
    boolean isSenderThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void run() {
        long next = System.nanoTime() + periodNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                if (stopped) {
                    return;
                }
            }
            try {
                tick.run();
            } catch (RuntimeException e) {
                if (!stopped) {
                    failure = e;
                    log.debug("Periodic status update failed: {}", e.toString());
                }
                return;
            }
            next = System.nanoTime() + periodNanos;
        }
    }
}
