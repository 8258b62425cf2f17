package io.walstream.conn;

import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.WalstreamException;
import io.walstream.codec.BackendKeyData;
import io.walstream.codec.BackendMessages;
import io.walstream.codec.Column;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.FrontendMessages;
import io.walstream.internal.WireLog;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open, authenticated connection to PostgreSQL — normal or replication ({@code replication=database} or
 * {@code true}) — that runs simple queries and replication commands. Open one with {@link Connector}.
 *
 * <p>It keeps what the server reported at startup: every ParameterStatus (also those sent later), the
 * {@link ServerVersion}, and the BackendKeyData for cancel requests.
 *
 * <p>Its {@link #state()} says where it stands in the protocol; a message the server sends out of turn is an
 * {@link UnexpectedMessageException} naming the message, the state and its offset. A server error inside a
 * query or COPY OUT is thrown once ReadyForQuery arrived, so the connection stays usable.
 *
 * <p><b>Thread safety:</b> one thread runs queries at a time (the protocol is sequential). {@link #close()},
 * {@link #parameters()} and the accessors may be called from any thread.
 */
public final class PgConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);

    private final Transport transport;
    private final FrameDecoder decoder;
    private final Endpoint endpoint;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final NoticeRelay notices;
    private final BackendDispatcher dispatcher;
    private volatile BackendKeyData keyData;
    private volatile ServerVersion serverVersion;
    private volatile boolean closed;
    private Duration queryTimeout = Duration.ZERO;
    /** How long {@link #startCopyBoth} waits for the server's answer when no query timeout is set. */
    private static final Duration START_ANSWER_TIMEOUT = Duration.ofSeconds(60);

    PgConnection(Transport transport, FrameDecoder decoder, NoticeRelay notices, Endpoint endpoint) {
        this.transport = transport;
        this.decoder = decoder;
        this.notices = notices;
        this.endpoint = endpoint;
        this.dispatcher = new BackendDispatcher(decoder, String.valueOf(endpoint), this::parameterStatus);
    }

    // --- startup bookkeeping, called by the handshake -------------------------------------------------

    void parameterStatus(String name, String value) {
        parameters.put(name, value);
        if ("server_version".equals(name)) {
            try {
                serverVersion = ServerVersion.parse(value);
            } catch (IllegalArgumentException e) {
                log.warn("Unparseable server_version '{}'", value);
            }
        }
    }

    void backendKeyData(BackendKeyData data) {
        this.keyData = data;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    BackendDispatcher dispatcher() {
        return dispatcher;
    }

    Transport transport() {
        return transport;
    }

    // --- public API ------------------------------------------------------------------------------------

    /** @return the endpoint this connection reached */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** @return every ParameterStatus reported so far, unmodifiable and live */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * @param name a reported parameter such as {@code server_encoding}
     * @return its value, or {@code null} if the server did not report it
     */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** @return the server version derived from {@code server_version} */
    public ServerVersion serverVersion() {
        ServerVersion v = serverVersion;
        if (v == null) {
            throw new IllegalStateException("The server did not report server_version");
        }
        return v;
    }

    /** @return whether {@code standard_conforming_strings} is on (the default since PostgreSQL 9.1) */
    public boolean standardConformingStrings() {
        return !"off".equals(parameters.get("standard_conforming_strings"));
    }

    /** @return the pid and cancel key, or {@code null} if the server sent none (walsenders may not) */
    public BackendKeyData backendKeyData() {
        return keyData;
    }

    /** @return the last ReadyForQuery status: {@code I} idle, {@code T} in a transaction, {@code E} failed */
    public char transactionStatus() {
        return dispatcher.transactionStatus();
    }

    /** @return where the connection stands in the protocol: which messages it expects next */
    public ConnectionState state() {
        return dispatcher.state();
    }

    /**
     * @param listener receives every NoticeResponse from now on (on the thread reading); {@code null} to stop
     */
    public void setNoticeListener(Consumer<ServerError> listener) {
        notices.setListener(listener);
    }

    /**
     * @param timeout how long one query may wait for the server before failing; zero (the default) waits
     *        without limit
     */
    public void setQueryTimeout(Duration timeout) {
        this.queryTimeout = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    }

    /**
     * Runs a simple query and returns the result of its last statement.
     *
     * @param sql one SQL statement or one replication command
     * @return the last statement's result
     * @throws ServerErrorException if the server reported an error (the connection stays usable)
     */
    public ResultSet query(String sql) {
        List<ResultSet> all = queryAll(sql);
        if (all.isEmpty()) {
            return new ResultSet(List.of(), List.of(), "");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Runs a simple query (possibly several statements) and returns each statement's result. An
     * ErrorResponse aborts the rest of the string; this method still reads up to ReadyForQuery so the
     * connection stays usable, then throws it.
     *
     * @param sql the query text
     * @return one result per statement that completed
     * @throws ServerErrorException if the server reported an error
     */
    public List<ResultSet> queryAll(String sql) {
        ensureOpen();
        dispatcher.begin(ConnectionState.SIMPLE_QUERY, null);
        send(FrontendMessages.query(sql));
        List<ResultSet> results = new ArrayList<>();
        List<Column> columns = List.of();
        List<byte[][]> rows = new ArrayList<>();
        long deadline = queryTimeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + queryTimeout.toNanos();
        while (true) {
            Frame f = next(deadline);
            switch (f.tag()) {
                case 'T':
                    columns = BackendMessages.rowDescription(f);
                    rows = new ArrayList<>();
                    break;
                case 'D':
                    rows.add(BackendMessages.dataRow(f));
                    break;
                case 'C':
                    results.add(new ResultSet(columns, rows, BackendMessages.commandComplete(f)));
                    columns = List.of();
                    rows = new ArrayList<>();
                    break;
                case 'I':
                    results.add(new ResultSet(List.of(), List.of(), ""));
                    break;
                case 'Z':
                    return results;
                default: // G, H, W
                    throw new WalstreamException("The query started a COPY sub-protocol ('" + f.tag()
                            + "'), which query() does not handle; use the replication stream API");
            }
        }
    }

    /**
     * Runs a command that answers with CopyBothResponse ({@code START_REPLICATION}) and returns the COPY stream.
     * An ErrorResponse before COPY starts is thrown after ReadyForQuery, leaving the connection usable.
     *
     * @param command the replication command
     * @return the CopyBoth stream
     * @throws ServerErrorException if the server refused the command
     */
    public CopyBoth startCopyBoth(String command) {
        ensureOpen();
        dispatcher.begin(ConnectionState.SIMPLE_QUERY, null);
        send(FrontendMessages.query(command));
        Duration limit = queryTimeout.isZero() ? START_ANSWER_TIMEOUT : queryTimeout;
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Frame f = dispatcher.next(deadline);
            if (f == null) {
                throw new TransportException("No answer from " + endpoint + " to START_REPLICATION within "
                        + Durations.describe(limit));
            }
            switch (f.tag()) {
                case 'W':
                    BackendMessages.copyResponseFormat(f);
                    dispatcher.enter(ConnectionState.COPY_BOTH);
                    CoalescingTransport.enable(transport); // read coalescing, if configured, from here on
                    return new CopyBoth(this);
                case 'Z':
                    throw new io.walstream.ProtocolException("\"" + command + "\" finished without starting COPY"
                            + " (for physical replication this means the requested timeline ended at the start point)");
                case 'G':
                case 'H':
                    throw dispatcher.unexpected(f);
                default:
                    break; // RowDescription/DataRow/CommandComplete of a timeline-switch result: read on to Z
            }
        }
    }

    /**
     * Runs {@code COPY ... TO STDOUT} (text, CSV or binary) and returns the COPY OUT stream; read it to the end
     * (or close it) before the next query. An ErrorResponse before COPY starts is thrown after ReadyForQuery,
     * leaving the connection usable.
     *
     * @param sql a {@code COPY ... TO STDOUT} statement
     * @return the COPY OUT stream
     * @throws ServerErrorException if the server refused the statement
     */
    public CopyOut copyOut(String sql) {
        ensureOpen();
        return CopyOut.start(this, sql);
    }

    /**
     * Sends Terminate and closes the transport. Idempotent; callable from any thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.close();
        try {
            transport.sink().write(FrontendMessages.terminate());
            transport.sink().flush();
            WireLog.outbound('X', 4);
        } catch (IOException | RuntimeException e) {
            log.debug("Terminate not sent: {}", e.toString());
        }
        try {
            transport.close();
        } catch (IOException e) {
            log.debug("Closing the transport failed: {}", e.toString());
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    // --- plumbing --------------------------------------------------------------------------------------

    void send(ByteBuffer message) {
        ensureOpen();
        int tag = message.get(0) & 0xff;
        int len = message.remaining() > 4 ? message.getInt(1) : message.remaining();
        try {
            transport.sink().write(message);
            transport.sink().flush();
        } catch (IOException e) {
            throw new TransportException("Writing to " + endpoint + " failed: " + e.getMessage(), e);
        }
        if (tag != 'd') { // CopyData is traced decoded by the CopyBoth layer
            WireLog.outbound(tag, len);
        }
    }

    /** The next message of the current state (see {@link BackendDispatcher#next}); a timeout is an exception. */
    Frame next(long deadlineNanos) {
        Frame f = dispatcher.next(deadlineNanos);
        if (f == null) {
            throw new TransportException("No answer from " + endpoint + " within the query timeout of "
                    + Durations.describe(queryTimeout));
        }
        return f;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The connection to " + endpoint + " is closed");
        }
    }

    @Override
    public String toString() {
        ServerVersion v = serverVersion;
        return "PgConnection[" + endpoint + (v == null ? "" : ", PostgreSQL " + v.display()) + "]";
    }
}
