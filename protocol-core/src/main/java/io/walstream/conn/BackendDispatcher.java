package io.walstream.conn;

import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.codec.BackendMessages;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.ParameterStatus;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of backend messages on the control path of a {@link PgConnection}, with its explicit
 * {@link ConnectionState}. It handles what every state shares, so that startup, simple queries, COPY OUT and
 * the entry to and exit from CopyBoth see only the messages of their own state:
 *
 * <ul>
 *   <li>ParameterStatus: reported to the session's parameter map, in every state;</li>
 *   <li>NoticeResponse: relayed by the {@link FrameDecoder} to the connection's {@link NoticeRelay};</li>
 *   <li>NotificationResponse: logged and dropped (walstream does not LISTEN), after startup;</li>
 *   <li>ErrorResponse (already a {@link ServerErrorException} with every field, from the decoder): in a state
 *       that {@linkplain ConnectionState#defersErrors() defers errors} the first one is kept, every message up
 *       to ReadyForQuery is discarded, and it is thrown at ReadyForQuery, leaving the connection usable; in the
 *       other states it is thrown at once;</li>
 *   <li>ReadyForQuery: its transaction status is recorded and the state becomes {@link ConnectionState#READY};</li>
 *   <li>a message the state does not allow: {@link UnexpectedMessageException} naming tag, state and offset;</li>
 *   <li>the first answer to a StartupMessage that is not an authentication request: "did not answer like
 *       PostgreSQL", as libpq says.</li>
 * </ul>
 *
 * <p>The CopyBoth streaming hot path reads CopyData straight from the decoder and passes only the other
 * messages to {@link #accept}.
 *
 * <p><b>Thread safety:</b> one reader thread at a time; {@link #state()}, {@link #transactionStatus()} and
 * {@link #close()} may be called from any thread.
 */
final class BackendDispatcher {

    private static final Logger log = LoggerFactory.getLogger(BackendDispatcher.class);

    private final FrameDecoder decoder;
    private final String peer;
    private final BiConsumer<String, String> parameters;
    private volatile ConnectionState state = ConnectionState.STARTUP;
    private volatile char transactionStatus = 'I';
    private String errorContext;
    private ServerErrorException deferred;
    private boolean awaitingFirstAnswer = true;

    /**
     * @param decoder the connection's frame decoder (its notice listener relays NoticeResponse)
     * @param peer the server as error messages name it, e.g. {@code db:5432}
     * @param parameters receives every ParameterStatus
     */
    BackendDispatcher(FrameDecoder decoder, String peer, BiConsumer<String, String> parameters) {
        this.decoder = decoder;
        this.peer = peer;
        this.parameters = parameters;
    }

    ConnectionState state() {
        return state;
    }

    /** @return the status of the last ReadyForQuery: {@code I}, {@code T} or {@code E} */
    char transactionStatus() {
        return transactionStatus;
    }

    /**
     * Starts an exchange (startup, or one Query) in {@code next}: forgets any error held from before.
     *
     * @param next the state the exchange starts in
     * @param context prefixed to a server error's message ({@code "context: ERROR ..."}), or {@code null}
     */
    void begin(ConnectionState next, String context) {
        if (state == ConnectionState.CLOSED) {
            throw new IllegalStateException("The connection to " + peer + " is closed");
        }
        if (state != ConnectionState.READY && next != ConnectionState.STARTUP) {
            log.debug("Starting {} while {} (the previous exchange did not reach ReadyForQuery)", next, state);
        }
        state = next;
        errorContext = context;
        deferred = null;
    }

    /** Moves to {@code next} within the current exchange (CopyOutResponse, CopyBothResponse, end of CopyBoth). */
    void enter(ConnectionState next) {
        if (state != ConnectionState.CLOSED) {
            state = next;
        }
    }

    /** Marks the connection closed; idempotent. */
    void close() {
        state = ConnectionState.CLOSED;
    }

    /**
     * Reads until a message that the current state's own code handles.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
     * @return the message, or {@code null} if the deadline passed first
     * @throws ServerErrorException an error the server reported (in a deferring state: at ReadyForQuery)
     * @throws UnexpectedMessageException for a message the state does not allow
     */
    Frame next(long deadlineNanos) {
        while (true) {
            long wait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadlineNanos - System.nanoTime());
            Frame f;
            try {
                f = decoder.next(wait);
            } catch (ServerErrorException e) {
                error(e);
                continue;
            } catch (ProtocolException e) {
                throw firstAnswer(e);
            }
            if (f == null) {
                return null;
            }
            if (!accept(f)) {
                return f;
            }
        }
    }

    /**
     * Handles an ErrorResponse the decoder raised: keeps it until ReadyForQuery in a deferring state, throws it
     * otherwise (a CopyBoth stream is then over on the server's side: the state becomes
     * {@link ConnectionState#COPY_BOTH_ENDED}, awaiting ReadyForQuery).
     *
     * @param e the error
     * @throws ServerErrorException unless the state defers it
     */
    void error(ServerErrorException e) {
        awaitingFirstAnswer = false;
        ServerErrorException typed = errorContext == null ? e : new ServerErrorException(errorContext, e.error());
        ConnectionState s = state;
        if (s.defersErrors()) {
            if (deferred == null) {
                deferred = typed;
            } else {
                log.debug("A further server error while waiting for ReadyForQuery: {}", e.error().summary());
            }
            return;
        }
        if (s == ConnectionState.COPY_BOTH) {
            state = ConnectionState.COPY_BOTH_ENDED;
        }
        throw typed;
    }

    /**
     * Handles one message if every state shares it.
     *
     * @param f a message read from the decoder
     * @return {@code true} if it was handled here (read on), {@code false} if it is the state's own message
     * @throws ServerErrorException at ReadyForQuery, if an error was held back
     * @throws UnexpectedMessageException if the state does not allow the message
     * @throws ProtocolException if the first answer during startup is not an authentication request
     */
    boolean accept(Frame f) {
        int tag = f.tag();
        ConnectionState s = state;
        if (awaitingFirstAnswer && s == ConnectionState.STARTUP) {
            awaitingFirstAnswer = false;
            if (tag != 'R' && tag != 'v') {
                throw notPostgres("expected an authentication request, received " + ProtocolException.describeTag(tag),
                        null);
            }
        }
        awaitingFirstAnswer = false;
        if (tag == 'S') {
            ParameterStatus ps = BackendMessages.parameterStatus(f);
            parameters.accept(ps.name(), ps.value());
            return true;
        }
        if (tag == 'A' && s != ConnectionState.STARTUP) {
            log.debug("Ignoring a NotificationResponse {} (walstream does not LISTEN)", s.description());
            return true;
        }
        if (!s.allows(tag)) {
            throw unexpected(f);
        }
        if (tag == 'Z') {
            transactionStatus = BackendMessages.readyForQuery(f);
            enter(ConnectionState.READY);
            ServerErrorException e = deferred;
            deferred = null;
            if (e != null) {
                throw e;
            }
            return false;
        }
        return deferred != null; // after an error, everything up to ReadyForQuery is discarded
    }

    /**
     * @param f a message the current state's code cannot handle
     * @return the exception naming it, the state and the offset
     */
    UnexpectedMessageException unexpected(Frame f) {
        return new UnexpectedMessageException(peer, f.tag(), state, f.streamOffset(), f.hexExcerpt());
    }

    /** A framing error in the first answer to the StartupMessage means the peer is not PostgreSQL. */
    private ProtocolException firstAnswer(ProtocolException e) {
        if (!awaitingFirstAnswer || state != ConnectionState.STARTUP || isStartupTag(e.tag())) {
            return e; // a malformed answer that starts like PostgreSQL's stays as is
        }
        awaitingFirstAnswer = false;
        return notPostgres("expected an authentication request, received "
                + (e.tag() >= 0 ? ProtocolException.describeTag(e.tag()) : "bytes that are no message")
                + (e.hexExcerpt() == null || e.hexExcerpt().isEmpty() ? "" : ": " + e.hexExcerpt()), e);
    }

    private static boolean isStartupTag(int tag) {
        return tag == 'R' || tag == 'E' || tag == 'v' || tag == 'N';
    }

    /** As libpq: a peer whose first answer is not an authentication request is not a PostgreSQL server. */
    private ProtocolException notPostgres(String why, Throwable cause) {
        return new ProtocolException("The server at " + peer + " did not answer like PostgreSQL (" + why
                + "); check the host and port", cause);
    }
}
