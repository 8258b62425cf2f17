package io.walstream.testkit.walsender;

import io.walstream.Lsn;
import java.time.Instant;

/**
 * One standby status update ({@code 'r'}) a {@link FakeWalSender} received.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param connection which accepted connection it came on, from 1
 * @param written the write (received) position
 * @param flushed the flush (acknowledged) position
 * @param applied the apply position
 * @param clientClockMicros the client's clock, µs since 2000-01-01
 * @param replyRequested whether the client asked for a keepalive in reply
 * @param arrivalNanos {@link System#nanoTime()} when it arrived
 * @param arrivedAt the wall-clock arrival time
 */
public record StatusUpdate(int connection, Lsn written, Lsn flushed, Lsn applied, long clientClockMicros,
                           boolean replyRequested, long arrivalNanos, Instant arrivedAt) {

    /** @return the position a walsender counts as replicated: flush if valid, else write (as WalSndDone does) */
    public Lsn replicated() {
        return flushed.isValid() ? flushed : written;
    }
}
