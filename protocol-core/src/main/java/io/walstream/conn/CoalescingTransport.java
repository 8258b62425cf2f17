package io.walstream.conn;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.IOException;
import java.time.Duration;

/**
 * A {@link Transport} whose source coalesces reads ({@link CoalescingSource}), set by
 * {@link io.walstream.spi.TransportOption#READ_COALESCING}: closing it wakes a reader paused by the coalescing
 * at once, once the transport under it is closed. Everything else is the wrapped transport's.
 *
 * <p><b>Thread safety:</b> as the wrapped transport's: {@link #close()} from any thread.
 */
final class CoalescingTransport implements Transport {

    /** The longest coalescing window accepted. */
    static final Duration MAX_WINDOW = Duration.ofMillis(10);

    private final Transport inner;
    private final CoalescingSource source;

    CoalescingTransport(Transport inner, long windowNanos) {
        this.inner = inner;
        this.source = new CoalescingSource(inner.source(), windowNanos);
    }

    /**
     * @param transport a connected transport
     * @param window the coalescing window; {@code null} or zero leaves the transport as it is
     * @return the transport with coalescing reads, or {@code transport} itself
     * @throws IllegalArgumentException if the window is negative or above {@link #MAX_WINDOW}
     */
    static Transport wrap(Transport transport, Duration window) {
        if (check(window) == null || window.isZero()) {
            return transport;
        }
        return new CoalescingTransport(transport, window.toNanos());
    }

    /**
     * @param window a coalescing window, or {@code null}
     * @return {@code window}
     * @throws IllegalArgumentException if the window is negative or above {@link #MAX_WINDOW}
     */
    static Duration check(Duration window) {
        if (window != null && (window.isNegative() || window.compareTo(MAX_WINDOW) > 0)) {
            throw new IllegalArgumentException("readCoalescing must be between 0 and " + MAX_WINDOW.toMillis()
                    + " ms, got " + window);
        }
        return window;
    }

    /** Turns coalescing on if {@code transport} coalesces (called when a replication stream starts). */
    static void enable(Transport transport) {
        if (transport instanceof CoalescingTransport c) {
            c.source.enable();
        }
    }

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteSink sink() {
        return inner.sink();
    }

    @Override
    public TransportInfo info() {
        return inner.info();
    }

    @Override
    public void close() throws IOException {
        try {
            inner.close();
        } finally {
            source.wake(); // after the close, so that the woken reader finds the transport closed
        }
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
