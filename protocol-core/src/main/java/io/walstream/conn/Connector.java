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
                    failures.add(endpoint + ": " + e.getMessage());
                } catch (TransportException e) {
                    closeQuietly(conn);
                    failures.add(endpoint + ": " + e.getMessage());
                } catch (WalstreamException e) {
                    closeQuietly(conn);
                    throw e;
                }
            }
        }
        String summary = "Could not connect to " + (config.hosts().size() == 1 ? "" : "any of ") + config.hosts()
                + ": " + String.join("; ", failures);
        if (allTransient) {
            throw new TransportException(summary);
        }
        throw new WalstreamException(summary);
    }

    private static PgConnection open(ConnectionConfig config, HostSpec host, Endpoint endpoint,
                                     TransportProvider provider, TransportOptions options, ChannelBindingMode binding,
                                     TransportLayer layer) {
        Optional<Duration> timeout = config.connectTimeout();
        long deadline = timeout.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        TransportOptions effective = timeout.isPresent()
                ? options.toBuilder().set(TransportOption.CONNECT_TIMEOUT, timeout.get()).build() : options;
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
                return new StartupHandshake(config, host, endpoint, transport, binding, deadline, tls).run();
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

    private static void closeQuietly(PgConnection conn) {
        if (conn != null) {
            conn.close();
        }
    }
}
