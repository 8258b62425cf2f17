package io.walstream.testkit;

import io.walstream.spi.ByteSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells when a {@link ByteSource#read} running on another thread has entered its blocking wait, so that a test can
 * close, write or interrupt "while the reader is blocked" without guessing with a fixed sleep. A thread counts as
 * blocked in a read when one of its frames is a {@code read} method of the source's class and the thread is parked
 * ({@code WAITING}, {@code TIMED_WAITING}, {@code BLOCKED}) or inside a native call (a selector or socket poll) —
 * seen twice in a row.
 *
 * <pre>{@code
 * CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> source.read(buf, Long.MAX_VALUE));
 * assertTrue(ReadProbe.awaitBlockedRead(source, Duration.ofSeconds(5)), "the read never blocked");
 * transport.close();
 * }</pre>
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class ReadProbe {

    private ReadProbe() {
    }

    /**
     * Waits until some thread is seen blocked inside {@code source}'s {@code read}, or {@code bound} passes.
     *
     * @param source the source whose read another thread has called
     * @param bound how long to wait at most
     * @return whether a blocked read was seen
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitBlockedRead(ByteSource source, Duration bound) throws InterruptedException {
        String owner = source.getClass().getName();
        long deadline = System.nanoTime() + bound.toNanos();
        int seen = 0;
        while (System.nanoTime() - deadline < 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            seen = anyBlockedIn(owner) ? seen + 1 : 0;
            if (seen >= 2) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        return false;
    }

    private static boolean anyBlockedIn(String owner) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() != Thread.currentThread() && isWaiting(e.getKey(), e.getValue())
                    && hasReadFrame(e.getValue(), owner)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasReadFrame(StackTraceElement[] stack, String owner) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals(owner) && f.getMethodName().equals("read")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param thread a thread
     * @param stack its stack trace, taken just now
     * @return whether it is parked, or running a native call (which is how a thread waits in a poll)
     */
    static boolean isWaiting(Thread thread, StackTraceElement[] stack) {
        Thread.State state = thread.getState();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
            return true;
        }
        return state == Thread.State.RUNNABLE && stack.length > 0 && stack[0].isNativeMethod();
    }
}
