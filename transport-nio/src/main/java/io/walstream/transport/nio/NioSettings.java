package io.walstream.transport.nio;

import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.time.Duration;
import java.util.List;

/**
 * The options an {@code nio} connection uses, read once from {@link TransportOptions} and checked.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param connectTimeout how long connecting may take, positive
 * @param tcpNoDelay {@code TCP_NODELAY}
 * @param keepAlive {@code SO_KEEPALIVE}
 * @param receiveBufferSize {@code SO_RCVBUF} in bytes, or 0 for the operating system's default
 * @param sendBufferSize {@code SO_SNDBUF} in bytes, or 0 for the operating system's default
 * @param writeTimeout how long a write may wait for the peer; zero or negative means no limit
 * @param options all the caller's options (for the keepalive tuning, see {@link NioKeepalives})
 */
record NioSettings(Duration connectTimeout, boolean tcpNoDelay, boolean keepAlive,
                   int receiveBufferSize, int sendBufferSize, Duration writeTimeout, TransportOptions options) {

    /**
     * @param options the caller's options
     * @return the settings
     * @throws IllegalArgumentException if a value is out of range; the message names the option
     */
    static NioSettings of(TransportOptions options) {
        String problem = problem(options);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new NioSettings(options.get(TransportOption.CONNECT_TIMEOUT),
                Boolean.TRUE.equals(options.get(TransportOption.TCP_NODELAY)),
                Boolean.TRUE.equals(options.get(TransportOption.KEEPALIVE)),
                sizeOf(options, TransportOption.RECEIVE_BUFFER_SIZE),
                sizeOf(options, TransportOption.SEND_BUFFER_SIZE),
                options.get(TransportOption.WRITE_TIMEOUT), options);
    }

    /**
     * @param options the caller's options
     * @return one sentence saying what is wrong with them, or {@code null} if they are usable
     */
    static String problem(TransportOptions options) {
        Duration timeout = options.get(TransportOption.CONNECT_TIMEOUT);
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return "TransportOption." + TransportOption.CONNECT_TIMEOUT.name() + " is " + timeout
                    + " but the nio transport needs a positive duration";
        }
        for (TransportOption<Integer> size : sizeOptions()) {
            if (sizeOf(options, size) < 0) {
                return "TransportOption." + size.name() + " is " + options.get(size)
                        + " but the nio transport needs 0 (system default) or a positive number of bytes";
            }
        }
        return null;
    }

    /** @return the connect timeout in nanoseconds, saturated at {@link Long#MAX_VALUE} */
    long connectTimeoutNanos() {
        try {
            return connectTimeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** @return the write timeout in nanoseconds, or {@link Long#MAX_VALUE} for none */
    long writeTimeoutNanos() {
        if (writeTimeout == null || writeTimeout.isZero() || writeTimeout.isNegative()) {
            return Long.MAX_VALUE;
        }
        try {
            return writeTimeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static int sizeOf(TransportOptions options, TransportOption<Integer> key) {
        Integer v = options.get(key);
        return v == null ? 0 : v;
    }

    private static List<TransportOption<Integer>> sizeOptions() {
        return List.of(TransportOption.RECEIVE_BUFFER_SIZE, TransportOption.SEND_BUFFER_SIZE);
    }
}
