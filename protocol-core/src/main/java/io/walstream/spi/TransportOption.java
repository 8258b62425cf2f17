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
     * {@code TCP_KEEPIDLE}: idle time before the first keepalive probe (libpq {@code keepalives_idle}); {@code null}
     * (the default) leaves the operating system's value. Applied where the platform supports it.
     */
    public static final TransportOption<Duration> KEEPALIVE_IDLE =
            new TransportOption<>("keepAliveIdle", Duration.class, null);
    /**
     * {@code TCP_KEEPINTVL}: time between keepalive probes (libpq {@code keepalives_interval}); {@code null} (the
     * default) leaves the operating system's value.
     */
    public static final TransportOption<Duration> KEEPALIVE_INTERVAL =
            new TransportOption<>("keepAliveInterval", Duration.class, null);
    /**
     * {@code TCP_KEEPCNT}: unanswered probes before the connection is dropped (libpq {@code keepalives_count});
     * {@code null} (the default) leaves the operating system's value.
     */
    public static final TransportOption<Integer> KEEPALIVE_COUNT =
            new TransportOption<>("keepAliveCount", Integer.class, null);
    /**
     * {@code TCP_USER_TIMEOUT}: how long sent data may stay unacknowledged before the connection is dropped (libpq
     * {@code tcp_user_timeout}); {@code null} (the default) leaves the operating system's value. Linux only, and
     * only where the transport can set it (the netty transport on epoll).
     */
    public static final TransportOption<Duration> TCP_USER_TIMEOUT =
            new TransportOption<>("tcpUserTimeout", Duration.class, null);
    /**
     * The size in bytes of the chunks walstream's drain loop reads into (the frame decoder's read buffer, above the
     * transport): one read fills at most one chunk and every complete frame in it is parsed at once. Larger
     * chunks mean fewer reads per message on a busy stream. Read by the core, not by transports; applies once the
     * startup handshake is done. Default 64 KiB, at least 64.
     */
    public static final TransportOption<Integer> READ_CHUNK_SIZE =
            new TransportOption<>("readChunkSize", Integer.class, 64 * 1024);
    /**
     * The largest backend message the connection accepts, in bytes (its length field, which counts itself);
     * a larger declared length fails with {@link io.walstream.FrameTooLargeException} before anything is
     * allocated. Not a socket option: read by the connection, ignored by transports. Default 128 MiB; raise it
     * for rows with very large values.
     */
    public static final TransportOption<Integer> MAX_FRAME_LENGTH =
            new TransportOption<>("maxFrameLength", Integer.class, 128 * 1024 * 1024);
    /**
     * Adaptive read coalescing on a replication stream: when a read brought only a little data promptly (the
     * server sends many small messages, each flushed on its own, as a walsender does), the next read first waits
     * up to this long so that more arrives and one wake-up of the reading thread delivers many messages. This
     * bounds the extra latency of a message (and of a keepalive that asks for a reply) on a busy stream; an idle
     * stream is never delayed (the first bytes after a quiet spell are delivered at once), a read that filled its
     * buffer never waits, and closing the connection or interrupting the reader ends a wait at once. Read by the
     * core, not by transports; applies from {@code START_REPLICATION} on. Default zero (off), at most 10 ms.
     *
     * <p>It is off by default because it is a trade (docs/BENCHMARKS.md, "Live CPU and read coalescing"). Against
     * a walsender with a 1 M-row backlog on the same quiet 2-vCPU host, 200 µs cut the client's CPU per message to
     * 0.34–0.42× of pgjdbc's and the stream kept its pace (1.05–1.26× as fast as without it); on a heavily loaded
     * host the walsender spent more kernel time and streamed 10–30 % fewer messages per second; and against a
     * server faster than the client (a replay server on loopback) a client that catches up pauses while the
     * socket buffer fills, which cost the raw read paths 10–20 % of their throughput. Turn it on for a consumer of
     * a walsender where client CPU matters more than a few hundred microseconds of latency.
     */
    public static final TransportOption<Duration> READ_COALESCING =
            new TransportOption<>("readCoalescing", Duration.class, Duration.ZERO);
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
