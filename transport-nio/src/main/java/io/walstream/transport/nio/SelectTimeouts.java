package io.walstream.transport.nio;

/**
 * Turns a remaining wait in nanoseconds into a {@link java.nio.channels.Selector#select(long)} argument.
 *
 * <p>{@code select(0)} means "wait forever", so a positive wait must never become 0: a sub-millisecond
 * remainder rounds up to one millisecond. The callers loop on the deadline, so rounding up only costs at
 * most a millisecond of lateness, never an early return.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class SelectTimeouts {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private SelectTimeouts() {
    }

    /**
     * @param remainingNanos the wait left, positive
     * @return the same wait in milliseconds, rounded up, at least 1
     */
    static long millis(long remainingNanos) {
        long millis = remainingNanos / NANOS_PER_MILLI;
        if (remainingNanos % NANOS_PER_MILLI != 0) {
            millis++;
        }
        return Math.max(1L, millis);
    }
}
