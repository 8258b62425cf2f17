package io.walstream.testkit;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@link ByteSource#read} running on its own daemon thread, with a signal for "the read has entered its
 * blocking wait" instead of a fixed sleep: the reader thread is observed, inside {@code read()}, parked
 * ({@code WAITING}, {@code TIMED_WAITING}, {@code BLOCKED}) or in a native call (a selector or socket poll), twice in
 * a row. The outcome is the returned count or the {@link IOException} thrown.
 *
 * <p><b>Thread safety:</b> created and queried by the test thread; the read runs on its own thread.
 */
final class BlockedRead {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final Thread reader;

    private BlockedRead(ByteSource source, ByteBuffer dst, long timeoutNanos) {
        reader = new Thread(() -> {
            entered.countDown();
            try {
                outcome.complete(source.read(dst, timeoutNanos));
            } catch (IOException e) {
                outcome.complete(e);
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "walstream-conformance-reader");
        reader.setDaemon(true);
    }

    /**
     * Starts {@code source.read(dst, timeoutNanos)} on a new daemon thread.
     *
     * @return the running read
     */
    static BlockedRead start(ByteSource source, ByteBuffer dst, long timeoutNanos) {
        BlockedRead r = new BlockedRead(source, dst, timeoutNanos);
        r.reader.start();
        return r;
    }

    /**
     * Waits until the read is observed blocked inside {@code read()}, or has already returned, or {@code bound}
     * passes (a transport that spins is never "blocked"; the caller then goes on, which is no worse than a sleep).
     *
     * @return whether the read was seen blocked (false: it returned, or the bound passed)
     * @throws InterruptedException if interrupted
     */
    boolean awaitBlocked(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        if (!entered.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        int seen = 0;
        while (System.nanoTime() - deadline < 0 && !outcome.isDone()) {
            seen = isWaiting() ? seen + 1 : 0;
            if (seen >= 2) {
                return !outcome.isDone();
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        return false;
    }

    private boolean isWaiting() {
        return ReadProbe.isWaiting(reader, reader.getStackTrace());
    }

    /**
     * Fails {@code rule} if the read already returned (it should still be waiting).
     *
     * @param what the read, e.g. {@code read(20 s) with nothing sent}
     * @param before the moment it should have outlasted, e.g. {@code before close()}
     */
    void requireRunning(ConformanceRule rule, String what, String before) {
        if (outcome.isDone()) {
            Object returned = outcome.handle((v, e) -> e != null ? e : v).getNow(null);
            throw SuiteSupport.fail(rule, what + " returned " + returned + " " + before);
        }
    }

    /** @return whether the read has returned or thrown */
    boolean isDone() {
        return outcome.isDone();
    }

    /**
     * @param wait how long to wait for the read to return
     * @return the count returned or the {@link IOException} thrown
     * @throws TimeoutException if the read is still running after {@code wait}
     * @throws Exception if the read threw something other than an {@link IOException}
     */
    Object outcome(Duration wait) throws Exception {
        try {
            return outcome.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
