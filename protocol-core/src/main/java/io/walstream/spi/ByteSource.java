package io.walstream.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes from the server: the read side of a {@link Transport}. Called only by walstream's drain loop.
 *
 * <p><b>Thread safety:</b> one reader thread at a time. {@link #close()} may be called from any thread,
 * including while another thread is blocked in {@link #read}.
 *
 * <h2>Implementing</h2>
 * You must:
 * <ul>
 *   <li>deliver every byte the peer sent, once, in order, with nothing added
 *       (conformance rules FX-01, BS-02, BS-07);</li>
 *   <li>return as soon as at least one byte is available, without waiting to fill {@code dst} (BS-06);</li>
 *   <li>write only into {@code dst} between its position and limit, advance its position by the count
 *       returned, and return at most {@code dst.remaining()} (BS-05);</li>
 *   <li>return {@code 0} once {@code timeoutNanos} has passed with nothing to read, without losing bytes that
 *       arrive later (BS-03, BS-04, BS-09);</li>
 *   <li>return {@code -1} once the peer has closed and every byte before the close was delivered, promptly
 *       even when idle (BS-01, LC-07);</li>
 *   <li>wake a read blocked in another thread within one second of {@link #close()}, by returning
 *       {@code -1} or throwing an {@link IOException} (LC-01, LC-02);</li>
 *   <li>keep memory bounded when the reader is slower than the peer: stop reading from the network rather
 *       than queue without limit (BS-08).</li>
 * </ul>
 * You need not: parse PostgreSQL messages or know where frames begin; buffer more than you like (a read
 * may return one byte); be safe for concurrent readers; support {@code dst} being read-only.
 */
public interface ByteSource extends Closeable {

    /**
     * Reads between 1 and {@code dst.remaining()} bytes into {@code dst}, waiting at most
     * {@code timeoutNanos} for the first one.
     *
     * @param dst the buffer to fill from its position; must have remaining space
     * @param timeoutNanos how long to wait for the first byte; zero or negative means do not wait, and
     *        {@link Long#MAX_VALUE} means wait without a deadline
     * @return the number of bytes read (&gt; 0); {@code 0} if the deadline passed with nothing to read;
     *         {@code -1} once the peer has closed the connection and all earlier bytes were delivered
     * @throws IOException if the connection failed or this source was closed
     */
    int read(ByteBuffer dst, long timeoutNanos) throws IOException;

    /**
     * Closes the source and the connection under it. Idempotent; wakes a blocked {@link #read}.
     *
     * @throws IOException if closing failed; the source is closed regardless
     */
    @Override
    void close() throws IOException;
}
