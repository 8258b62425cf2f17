package io.walstream.cli;

import io.walstream.Lsn;
import io.walstream.StreamMetrics;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress line's lag in seconds, from what the server reports in its keepalives: when the position written is
 * behind the server's WAL end, the time at the last keepalive minus the commit time of the last transaction
 * written (how old the newest written change was when the server last said it had more); 0 when caught up. Caught
 * up also covers an idle stream whose written position stays a few bytes behind the server's WAL end for good (the
 * walsender's keepalives report the end of WAL it has read, records without changes for the publications
 * included): once the streaming loop found nothing more to read after the last keepalive arrived, everything the
 * server sent before it has been written, and the lag is 0.
 *
 * <p>{@link StreamMetrics#lastKeepalive()} is the instant the keepalive arrived on this machine's clock (the
 * library does not expose the keepalive's own send time), while a commit time is the server's clock: a clock
 * difference between the two hosts adds to (or subtracts from, down to 0) the figure.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Lag {
    private Lag() {
    }

    /**
     * @param written the end of the last transaction written, or {@link Lsn#INVALID} before the first
     * @param serverWalEnd the server's WAL end from the last keepalive or message, or {@link Lsn#INVALID}
     * @param lastKeepalive when the last keepalive arrived, or {@code null} before the first
     * @param lastCommit the commit time of the last transaction written, or {@code null} before the first
     * @param lastIdle when the streaming loop last found nothing to read, or {@code null} if never
     * @return the lag in seconds (never negative); 0 when the written position is at or past the server's WAL end;
     *         {@code NaN} when behind but not measurable yet (no keepalive, or nothing written)
     */
    static double seconds(Lsn written, Lsn serverWalEnd, Instant lastKeepalive, Instant lastCommit,
                          Instant lastIdle) {
        if (!serverWalEnd.isValid() || (written.isValid() && !serverWalEnd.isAfter(written))) {
            return 0;
        }
        if (idleSinceKeepalive(lastKeepalive, lastIdle)) {
            return 0;
        }
        if (lastKeepalive == null || lastCommit == null) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(lastCommit, lastKeepalive).toMillis() / 1000.0);
    }

    /**
     * @param lastKeepalive when the last keepalive arrived, or {@code null} before the first
     * @param lastIdle when the streaming loop last found nothing to read, or {@code null} if never
     * @return whether the loop found nothing to read after the last keepalive arrived: everything the server sent
     *         up to its WAL end is written, whatever the positions say (the lag in bytes is then 0 too)
     */
    static boolean idleSinceKeepalive(Instant lastKeepalive, Instant lastIdle) {
        return lastIdle != null && lastKeepalive != null && !lastIdle.isBefore(lastKeepalive);
    }

    /** {@link #seconds} formatted for the progress line: {@code 1.5 s}, or {@code ? s} when not measurable. */
    static String format(double seconds) {
        return Double.isNaN(seconds) ? "? s" : String.format(java.util.Locale.ROOT, "%.1f s", seconds);
    }
}
