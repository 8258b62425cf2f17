package io.walstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link LogicalReplicationStream} reconnects after a transient failure: exponential backoff with full
 * jitter between {@code initialDelay} and {@code maxDelay}, at most {@code maxAttempts} consecutive attempts
 * and at most {@code maxElapsed} since the failure. Permanent failures (authentication, a missing or
 * invalidated slot, removed WAL, a missing publication, configuration) are never retried.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param initialDelay the first delay's upper bound
 * @param maxDelay the largest delay
 * @param maxAttempts consecutive attempts before giving up (0 disables reconnecting)
 * @param maxElapsed total time before giving up
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration maxElapsed) {

    /** Never reconnect: the first failure ends the stream. */
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

    /** @return 200 ms doubling to 30 s, up to 20 attempts within 10 minutes */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), 20, Duration.ofMinutes(10));
    }

    /**
     * @param attempt 1 for the first retry
     * @return a random delay in [0, min(maxDelay, initialDelay * 2^(attempt-1))]
     */
    public Duration delay(int attempt) {
        long base = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        long exp = base << Math.min(30, Math.max(0, attempt - 1));
        long bound = Math.max(1, Math.min(cap, exp < 0 ? cap : exp));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }
}
