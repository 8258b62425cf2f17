package io.walstream;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SystemIdentity;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.WalStream;
import io.walstream.spi.TransportProvider;
import io.walstream.spi.Transports;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects, starts and reconnects one logical replication stream: the transport is selected once; every session
 * is checked against the first ({@code IDENTIFY_SYSTEM}: a different cluster is a permanent error, a new timeline
 * is reported) and checks its slot and publications before streaming ({@link StreamPreflight}); transient
 * failures — connection lost or refused, server shutting down or starting, too many connections, slot still
 * active (a previous walsender not yet gone) — are retried with the {@link ReconnectPolicy}, each failure and
 * retry logged at WARN; permanent ones end the stream.
 *
 * <p><b>Thread safety:</b> not thread-safe; used by the consuming thread (the reader of the stream).
 */
final class SessionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);
    private static final String SLOT_ACTIVE = "55006";

    /** Opens an authenticated replication connection. */
    interface Connections {
        PgConnection open();
    }

    /** Starts streaming on a connection from a position. */
    interface Starter {
        WalStream start(PgConnection connection, Lsn from);
    }

    /** Waits between attempts. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ReplicationConfig config;
    private final Connections connections;
    private final Starter starter;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private SystemIdentity first;
    private long reconnects;

    SessionSupervisor(ReplicationConfig config, Connections connections, Starter starter, Sleeper sleeper,
                      LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.connections = connections;
        this.starter = starter;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
    }

    /** The production wiring: one transport for the stream's lifetime, real clock. */
    static SessionSupervisor create(ReplicationConfig config, FeedbackPositions positions) {
        TransportProvider provider = Transports.select(config.transportOptions());
        ConnectionConfig cc = config.connection();
        Connections connections = () -> Connector.connect(cc, provider, config.transportOptions());
        Starter starter = (conn, from) -> WalStream.startLogical(conn, config.start().withStartLsn(from), positions,
                config.statusInterval(), config.receiveTimeout());
        return new SessionSupervisor(config, connections, starter, d -> Thread.sleep(d.toMillis()),
                System::nanoTime);
    }

    /** @return successful reconnections so far */
    long reconnects() {
        return reconnects;
    }

    /**
     * The first connection, retrying transient failures (refused port, server starting up) per the policy, as
     * pg_recvlogical does.
     *
     * @param closed whether the stream was closed meanwhile
     * @return the connection, or {@code null} if closed while retrying
     */
    PgConnection connectFirst(BooleanSupplier closed) {
        return retry("Connecting", closed, null, connections::open);
    }

    /**
     * Starts a session on {@code conn} (consumed: closed on failure): identity guard, preflight, START_REPLICATION.
     *
     * @param conn an open connection
     * @param from where to resume
     * @return the running stream
     */
    WalStream startOn(PgConnection conn, Lsn from) {
        try {
            conn.setQueryTimeout(config.startReplicationTimeout()); // bounds each answer until COPY starts
            checkIdentity(new ReplicationCommands(conn).identifySystem());
            new StreamPreflight(config).check(conn);
            return starter.start(conn, from);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /**
     * Starts the first session: like {@link #startOn}, but a slot still active or a connection lost meanwhile is
     * retried per the policy on a new connection, as during a reconnect.
     */
    WalStream startFirst(PgConnection conn, Lsn from, BooleanSupplier closed) {
        try {
            return startOn(conn, from);
        } catch (WalstreamException e) {
            if (!retryable(e) || config.reconnect().maxAttempts() == 0) {
                throw e;
            }
            logFailure("Starting the stream", e);
            return retry("Starting the stream", closed, e, () -> startOn(connections.open(), from));
        }
    }

    /**
     * Reconnects after {@code failure} per the policy.
     *
     * @param failure what ended the session
     * @param from where to resume (read at each attempt: acknowledgements may still arrive)
     * @param closed whether the stream was closed meanwhile
     * @return the new stream, or {@code null} if the stream was closed while reconnecting
     * @throws WalstreamException the failure itself if permanent, a permanent failure met while reconnecting,
     *         or a {@link TransportException} naming the attempts when the policy gives up
     */
    WalStream reconnect(WalstreamException failure, java.util.function.Supplier<Lsn> from, BooleanSupplier closed) {
        log.warn("Replication stream on slot \"{}\" interrupted: {}", config.start().slotName(), failure.getMessage());
        if (!retryable(failure) || config.reconnect().maxAttempts() == 0) {
            log.warn("Replication stream on slot \"{}\" failed permanently: {}", config.start().slotName(),
                    failure.getMessage());
            throw failure;
        }
        WalStream s = retry("Reconnecting", closed, failure, () -> {
            PgConnection conn = connections.open();
            return startOn(conn, from.get());
        });
        if (s != null) {
            reconnects++;
        }
        return s;
    }

    private interface Attempt<T> {
        T run();
    }

    private <T> T retry(String what, BooleanSupplier closed, WalstreamException initial, Attempt<T> attempt) {
        ReconnectPolicy policy = config.reconnect();
        long started = nanoClock.getAsLong();
        WalstreamException last = initial;
        int retries = 0;
        boolean tryNow = initial == null;
        while (!closed.getAsBoolean()) {
            if (!tryNow) {
                retries++;
                if (retries > policy.maxAttempts() || nanoClock.getAsLong() - started > policy.maxElapsed().toNanos()) {
                    retries--;
                    break;
                }
                Duration delay = policy.delay(retries);
                log.warn("{} to slot \"{}\": attempt {} of {} in {} ms", what, config.start().slotName(), retries,
                        policy.maxAttempts(), delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException("Interrupted while waiting to reconnect");
                }
                if (closed.getAsBoolean()) {
                    return null;
                }
            }
            tryNow = false;
            try {
                T result = attempt.run();
                if (retries > 0) {
                    log.warn("{} to slot \"{}\" succeeded at attempt {}", what, config.start().slotName(), retries);
                }
                return result;
            } catch (WalstreamException e) {
                if (!retryable(e) || policy.maxAttempts() == 0) {
                    throw e;
                }
                logFailure(what, e);
                last = e;
            }
        }
        if (closed.getAsBoolean() || last == null) {
            return null;
        }
        long millis = Duration.ofNanos(nanoClock.getAsLong() - started).toMillis();
        throw new TransportException("Gave up after " + retries + " failed " + (retries == 1 ? "retry" : "retries")
                + " over " + millis + " ms (" + describe(policy) + "); last failure: " + last.getMessage(), last);
    }

    private static String describe(ReconnectPolicy p) {
        return "reconnect policy: at most " + p.maxAttempts() + " attempts within " + p.maxElapsed().toSeconds() + " s";
    }

    private void logFailure(String what, WalstreamException e) {
        if (e instanceof ServerErrorException se && SLOT_ACTIVE.equals(se.sqlState())) {
            log.warn("{}: slot \"{}\" is still in use ({}); a previous consumer may not have been reaped yet, "
                    + "retrying", what, config.start().slotName(), se.error().message());
        } else {
            log.warn("{} to slot \"{}\" failed: {}", what, config.start().slotName(), e.getMessage());
        }
    }

    /** Transient failures, plus "slot is active", which usually means the previous walsender is still exiting. */
    static boolean retryable(WalstreamException e) {
        if (e instanceof ServerErrorException se && SLOT_ACTIVE.equals(se.sqlState())) {
            return true;
        }
        return e.isTransient();
    }

    private void checkIdentity(SystemIdentity id) {
        if (first == null) {
            first = id;
            log.info("Streaming from cluster {} on timeline {}", id.systemId(), id.timeline());
            return;
        }
        if (!first.systemId().equals(id.systemId())) {
            throw new ClusterMismatchException("Reconnected to a different PostgreSQL cluster: system identifier "
                    + id.systemId() + ", but this stream started on " + first.systemId() + " (a restore or a "
                    + "different server behind the same address); resuming there would skip or repeat data");
        }
        if (first.timeline() != id.timeline()) {
            log.warn("The server is on timeline {} now, the stream started on timeline {} (a failover or promotion);"
                    + " continuing from the slot's position", id.timeline(), first.timeline());
            first = id;
        }
    }
}
