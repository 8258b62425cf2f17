package io.walstream.conn;

import io.walstream.AuthenticationException;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.WalstreamException;
import io.walstream.internal.auth.ChannelBindingMode;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportLayer;
import io.walstream.spi.TransportLayers;
import io.walstream.spi.TransportProvider;
import io.walstream.spi.Transports;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link PgConnection}s the way libpq does: each host of the configuration in order, within
 * {@code connect_timeout} per host, until one accepts the connection and matches
 * {@code target_session_attrs}.
 *
 * <p>A host that cannot be reached, or answers with a transient server error (too many connections, starting
 * up, shutting down), is skipped and the next one tried. Authentication failures and other permanent errors
 * end the attempt at once and are never retried. TLS follows libpq's {@code sslmode} through the installed
 * {@link TransportLayer} (see {@link TlsNegotiator}); a TLS failure moves on to the next host. Without a TLS
 * layer, {@code sslmode=disable}, {@code allow} and {@code prefer} connect in plain text (one log line) and
 * {@code require}, {@code verify-ca}, {@code verify-full} and {@code channel_binding=require} fail before anything
 * is sent, naming the artifact to add.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class Connector {

    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    /**
     * The start-up deadline (TCP connect to ReadyForQuery) when neither
     * {@link ConnectionConfig#withStartupTimeout} nor {@code connect_timeout} sets one.
     */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private Connector() {
    }

    /**
     * @param connectionString a libpq URI or {@code key=value} string
     * @return an open connection
     */
    public static PgConnection connect(String connectionString) {
        return connect(ConnectionConfig.parse(connectionString));
    }

    /**
     * @param config the configuration
     * @return an open connection over the transport {@link Transports#select} picks
     */
    public static PgConnection connect(ConnectionConfig config) {
        return connect(config, TransportOptions.defaults());
    }

    /**
     * @param config the configuration
     * @param options transport options; {@link TransportOption#PROVIDER} picks the transport
     * @return an open connection
     */
    public static PgConnection connect(ConnectionConfig config, TransportOptions options) {
        return connect(config, Transports.select(options), options);
    }

    /**
     * @param config the configuration
     * @param provider the transport to use
     * @param options transport options
     * @return an open connection
     * @throws TlsUnavailableException if the sslmode requires TLS and no TLS layer is installed
     * @throws TlsNegotiationException if TLS could not be set up as the sslmode demands with the only host (with
     *     several hosts, each TLS failure is listed in the final exception and the next host is tried)
     * @throws AuthenticationException if authentication failed (never retried)
     * @throws ServerErrorException if a server refused the connection with a permanent error
     * @throws TransportException if no host could be reached or matched {@code target_session_attrs}
     */
    public static PgConnection connect(ConnectionConfig config, TransportProvider provider, TransportOptions options) {
        TransportLayer layer = TransportLayers.select(options).orElse(null);
        ChannelBindingMode binding = ChannelBindingMode.parse(config.channelBinding());
        if (layer == null) {
            if (config.sslMode().requiresTls()) {
                throw new TlsUnavailableException("sslmode=" + config.sslMode().keyword() + " requires TLS, but no TLS"
                        + " layer is installed; add " + TransportLayers.ARTIFACT + ", or use sslmode=prefer/disable on"
                        + " a trusted network. Nothing was sent.");
            }
            if (binding == ChannelBindingMode.REQUIRE) {
                throw new TlsUnavailableException("channel_binding=require needs TLS, but no TLS layer is installed;"
                        + " add " + TransportLayers.ARTIFACT + ". Nothing was sent.");
            }
            if (config.sslMode() != SslMode.DISABLE) {
                log.info("sslmode={} without a TLS layer: connecting in plain text (add {} for TLS)",
                        config.sslMode().keyword(), TransportLayers.ARTIFACT);
            }
        } else if (binding == ChannelBindingMode.REQUIRE && config.sslMode() == SslMode.DISABLE) {
            throw new TlsNegotiationException("channel_binding=require needs TLS, but sslmode=disable; set sslmode=require"
                    + " or stronger. Nothing was sent.");
        }
        List<String> failures = new ArrayList<>();
        List<WalstreamException> causes = new ArrayList<>();
        boolean allTransient = true;
        TargetSessionAttrs wanted = config.targetSessionAttrs();
        List<TargetSessionAttrs> passes = wanted == TargetSessionAttrs.PREFER_STANDBY
                ? List.of(TargetSessionAttrs.STANDBY, TargetSessionAttrs.ANY) : List.of(wanted);
        for (TargetSessionAttrs pass : passes) {
            for (HostSpec host : config.hosts()) {
                if (host.isUnixSocket()) {
                    failures.add(host + ": Unix-domain sockets are not supported; use a TCP host");
                    allTransient = false;
                    continue;
                }
                Endpoint endpoint = Endpoint.of(host.connectAddress(), host.port());
                PgConnection conn = null;
                try {
                    conn = open(config, host, endpoint, provider, options, binding, layer);
                    String mismatch = SessionAttributes.mismatch(conn, pass);
                    if (mismatch == null) {
                        log.info("Connected to {} (PostgreSQL {}, transport {}, replication={})", endpoint,
                                conn.parameter("server_version"), provider.name(), config.replication());
                        return conn;
                    }
                    failures.add(endpoint + ": " + mismatch + " (target_session_attrs=" + pass.keyword() + ")");
                    conn.close();
                } catch (TlsNegotiationException e) {
                    closeQuietly(conn);
                    if (config.hosts().size() == 1) {
                        throw e;
                    }
                    failures.add(endpoint + ": " + e.getMessage());
                    allTransient = false;
                } catch (AuthenticationException | TlsUnavailableException e) {
                    closeQuietly(conn);
                    throw e;
                } catch (ServerErrorException e) {
                    closeQuietly(conn);
                    if (!e.isTransient()) {
                        throw e;
                    }
                    failures.add(e.getMessage()); // names the endpoint itself
                    causes.add(e);
                } catch (TransportException e) {
                    closeQuietly(conn);
                    failures.add(e.getMessage()); // names the endpoint itself
                    causes.add(e);
                } catch (WalstreamException e) {
                    closeQuietly(conn);
                    throw e;
                }
            }
        }
        if (failures.size() == 1 && causes.size() == 1) {
            throw causes.get(0); // one host, one failure: as it happened, with its SQLSTATE and cause
        }
        String summary = "Could not connect to " + (config.hosts().size() == 1 ? "" : "any of ") + config.hosts()
                + ": " + String.join("; ", failures);
        WalstreamException cause = causes.isEmpty() ? null : causes.get(causes.size() - 1);
        if (allTransient) {
            throw new TransportException(summary, cause);
        }
        throw new WalstreamException(summary, cause);
    }

    private static PgConnection open(ConnectionConfig config, HostSpec host, Endpoint endpoint,
                                     TransportProvider provider, TransportOptions options, ChannelBindingMode binding,
                                     TransportLayer layer) {
        Optional<Duration> timeout = config.connectTimeout();
        // Without connect_timeout a default start-up deadline still applies: a peer that accepts TCP and then says
        // nothing must not hang the caller forever.
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        TransportOptions effective = withKeepalives(config, timeout.isPresent()
                ? options.toBuilder().set(TransportOption.CONNECT_TIMEOUT, timeout.get()).build() : options);
        Duration coalescing = CoalescingTransport.check(options.get(TransportOption.READ_COALESCING));
        TlsNegotiator.Dialer dialer = () -> {
            try {
                return provider.connect(endpoint, effective);
            } catch (IOException e) {
                throw new TransportException("Could not connect to " + endpoint + " (" + provider.name() + "): "
                        + e.getMessage(), e);
            }
        };
        return new TlsNegotiator(config, host, endpoint, layer, deadline).connect(dialer, (transport, tls) -> {
            try {
                PgConnection conn = new StartupHandshake(config, host, endpoint,
                        CoalescingTransport.wrap(transport, coalescing), binding, deadline, tls)
                        .maxFrameLength(options.get(TransportOption.MAX_FRAME_LENGTH)).run();
                conn.decoder().limits(options.get(TransportOption.MAX_FRAME_LENGTH),
                        options.get(TransportOption.READ_CHUNK_SIZE));
                return conn;
            } catch (RuntimeException e) {
                try {
                    transport.close();
                } catch (IOException ignored) {
                    // already failing
                }
                throw e;
            }
        });
    }

    /**
     * The libpq keywords {@code keepalives}, {@code keepalives_idle}, {@code keepalives_interval} (seconds),
     * {@code keepalives_count} and {@code tcp_user_timeout} (milliseconds) as transport options; options set
     * explicitly by the caller win.
     *
     * @param config the connection configuration
     * @param options the caller's transport options
     * @return the options to connect with
     * @throws io.walstream.ConnectionStringException if a value is not a number
     */
    static TransportOptions withKeepalives(ConnectionConfig config, TransportOptions options) {
        TransportOptions.Builder b = options.toBuilder();
        boolean changed = false;
        Optional<String> on = config.rawValue("keepalives").filter(v -> !v.isBlank());
        if (on.isPresent() && !options.isSet(TransportOption.KEEPALIVE)) {
            b.set(TransportOption.KEEPALIVE, number(on.get(), "keepalives") != 0);
            changed = true;
        }
        changed |= seconds(config, options, b, "keepalives_idle", TransportOption.KEEPALIVE_IDLE);
        changed |= seconds(config, options, b, "keepalives_interval", TransportOption.KEEPALIVE_INTERVAL);
        Optional<String> count = config.rawValue("keepalives_count").filter(v -> !v.isBlank());
        if (count.isPresent() && !options.isSet(TransportOption.KEEPALIVE_COUNT)) {
            b.set(TransportOption.KEEPALIVE_COUNT, (int) number(count.get(), "keepalives_count"));
            changed = true;
        }
        Optional<String> user = config.rawValue("tcp_user_timeout").filter(v -> !v.isBlank());
        if (user.isPresent() && !options.isSet(TransportOption.TCP_USER_TIMEOUT)) {
            long ms = number(user.get(), "tcp_user_timeout");
            if (ms > 0) {
                b.set(TransportOption.TCP_USER_TIMEOUT, Duration.ofMillis(ms));
                changed = true;
            }
        }
        return changed ? b.build() : options;
    }

    private static boolean seconds(ConnectionConfig config, TransportOptions options, TransportOptions.Builder b,
                                   String keyword, TransportOption<Duration> key) {
        Optional<String> v = config.rawValue(keyword).filter(x -> !x.isBlank());
        if (v.isEmpty() || options.isSet(key)) {
            return false;
        }
        long secs = number(v.get(), keyword);
        if (secs <= 0) {
            return false; // libpq: 0 means the system default
        }
        b.set(key, Duration.ofSeconds(secs));
        return true;
    }

    private static long number(String value, String keyword) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new io.walstream.ConnectionStringException("invalid integer value \"" + value
                    + "\" for connection option \"" + keyword + "\"");
        }
    }

    private static void closeQuietly(PgConnection conn) {
        if (conn != null) {
            conn.close();
        }
    }
}
