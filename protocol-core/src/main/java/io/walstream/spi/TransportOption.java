package io.walstream.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A typed key for a {@link TransportOptions} value. The common keys are constants here; a provider declares
 * its own keys, with its own types, in its own module (for example an event loop for a Netty transport).
 * Keys compare by identity, so declare each one once as a constant.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param <T> the value type
 */
public final class TransportOption<T> {

    /** How long a connection attempt may take. Default 10 s. */
    public static final TransportOption<Duration> CONNECT_TIMEOUT =
            new TransportOption<>("connectTimeout", Duration.class, Duration.ofSeconds(10));
    /** {@code TCP_NODELAY}: send small writes at once. Default {@code true}. */
    public static final TransportOption<Boolean> TCP_NODELAY =
            new TransportOption<>("tcpNoDelay", Boolean.class, Boolean.TRUE);
    /** {@code SO_KEEPALIVE}. Default {@code true}. */
    public static final TransportOption<Boolean> KEEPALIVE =
            new TransportOption<>("keepAlive", Boolean.class, Boolean.TRUE);
    /** {@code SO_RCVBUF} in bytes; 0 leaves the operating system's default. Default 0. */
    public static final TransportOption<Integer> RECEIVE_BUFFER_SIZE =
            new TransportOption<>("receiveBufferSize", Integer.class, 0);
    /** {@code SO_SNDBUF} in bytes; 0 leaves the operating system's default. Default 0. */
    public static final TransportOption<Integer> SEND_BUFFER_SIZE =
            new TransportOption<>("sendBufferSize", Integer.class, 0);
    /**
     * How long one {@link ByteSink#write} may wait for the peer to accept bytes (a server that stopped reading)
     * before it fails with an {@link java.io.IOException}; the transport is then unusable, since part of the
     * write may have been sent. Zero or negative waits without limit. Default 30 s.
     */
    public static final TransportOption<Duration> WRITE_TIMEOUT =
            new TransportOption<>("writeTimeout", Duration.class, Duration.ofSeconds(30));
    /**
     * The transport's own read-side buffering in bytes (how much it may hold for a slow reader before it stops
     * reading from the network). Default 256 KiB.
     */
    public static final TransportOption<Integer> READ_BUFFER_SIZE =
            new TransportOption<>("readBufferSize", Integer.class, 256 * 1024);
    /**
     * The provider to use, by {@link TransportProvider#name()}; overrides priorities. {@code null} (the
     * default) lets {@code Transports.select} decide, after the {@code walstream.transport} system property.
     */
    public static final TransportOption<String> PROVIDER =
            new TransportOption<>("provider", String.class, null);

    /**
     * The {@link TransportLayer} to use for TLS, by {@link TransportLayer#name()}; {@code "none"} behaves as if
     * no TLS layer were installed. {@code null} (the default) uses the installed layer with the highest
     * priority, if any.
     */
    public static final TransportOption<String> TLS_LAYER =
            new TransportOption<>("tlsLayer", String.class, null);

    private final String name;
    private final Class<T> type;
    private final T defaultValue;

    /**
     * @param name a short camel-case name for diagnostics
     * @param type the value type, used to check values at run time
     * @param defaultValue the value when none is set; may be {@code null}
     */
    public TransportOption(String name, Class<T> type, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
    }

    /** @return the key's name */
    public String name() {
        return name;
    }

    /** @return the value type */
    public Class<T> type() {
        return type;
    }

    /** @return the value when none is set; may be {@code null} */
    public T defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
