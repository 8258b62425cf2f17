package io.walstream.testkit.walsender;

import io.walstream.Lsn;
import io.walstream.ServerError;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FakeWalSender} does on one connection once the client sent {@code START_REPLICATION}: a list of
 * steps run in order on the connection's thread. After the last step the connection stays open until the client
 * ends COPY (answered like PostgreSQL: CopyDone, CommandComplete, ReadyForQuery) or closes it.
 *
 * <pre>{@code
 * WalSenderScript script = WalSenderScript.create()
 *         .xlog(Lsn.of(0x100), new Begin(...))
 *         .xlog(Lsn.of(0x100), insert)
 *         .xlog(Lsn.of(0x130), commit)
 *         .keepalive(Lsn.of(0x130), true)
 *         .awaitFlush(Lsn.of(0x130), Duration.ofSeconds(5))
 *         .cutAfterBytes(7)          // the next frame is cut inside, then the socket closes
 *         .xlog(Lsn.of(0x200), begin);
 * }</pre>
 *
 * <p><b>Thread safety:</b> build on one thread; once given to the server it must not be changed.
 */
public final class WalSenderScript {

    /** One step; runs on the connection thread. */
    @FunctionalInterface
    interface Step {
        void run(FakeSession session) throws Exception;
    }

    private final List<Step> steps = new ArrayList<>();

    private WalSenderScript() {
    }

    /** @return an empty script: stream nothing, wait for the client */
    public static WalSenderScript create() {
        return new WalSenderScript();
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * Sends one XLogData with {@code message}, walStart and walEnd both {@code lsn}.
     *
     * @param lsn the message's WAL position
     * @param message any pgoutput message
     * @return this
     */
    public WalSenderScript xlog(Lsn lsn, PgOutputMessage message) {
        return xlog(lsn, lsn, message);
    }

    /**
     * @param walStart the XLogData header's walStart
     * @param walEnd the XLogData header's walEnd
     * @param message any pgoutput message
     * @return this
     */
    public WalSenderScript xlog(Lsn walStart, Lsn walEnd, PgOutputMessage message) {
        Objects.requireNonNull(message, "message");
        steps.add(s -> s.write(PgOutputWriter.copyData(walStart, walEnd, FakeSession.nowMicros(), message), walEnd));
        return this;
    }

    /**
     * Sends every message at one position (handy for a whole transaction whose positions do not matter).
     *
     * @param lsn the position of each
     * @param messages the messages in order
     * @return this
     */
    public WalSenderScript xlogAll(Lsn lsn, List<? extends PgOutputMessage> messages) {
        for (PgOutputMessage m : messages) {
            xlog(lsn, m);
        }
        return this;
    }

    /**
     * Sends one whole transaction: Begin, the changes, Commit (all XLogData at {@code commitLsn}, the Commit's
     * walEnd at {@code endLsn}).
     *
     * @param xid the transaction id
     * @param commitLsn the commit record's position
     * @param endLsn the end of the commit record (what a consumer acknowledges)
     * @param changes Relation, Insert, ... messages, without stream xid
     * @return this
     */
    public WalSenderScript transaction(int xid, Lsn commitLsn, Lsn endLsn, List<? extends PgOutputMessage> changes) {
        long t = FakeSession.nowMicros();
        xlog(commitLsn, new Begin(commitLsn, t, xid));
        for (PgOutputMessage m : changes) {
            xlog(commitLsn, m);
        }
        return xlog(commitLsn, endLsn, new Commit(0, commitLsn, endLsn, t));
    }

    /**
     * @param walEnd the server's WAL end
     * @param replyRequested whether to ask for an immediate status update
     * @return this
     */
    public WalSenderScript keepalive(Lsn walEnd, boolean replyRequested) {
        steps.add(s -> s.write(WireOut.keepalive(walEnd.value(), FakeSession.nowMicros(), replyRequested), walEnd));
        return this;
    }

    /**
     * Waits until a status update on this connection reports {@code flushed >= lsn}.
     *
     * @param lsn the position
     * @param timeout how long; the server records a failure (see {@link FakeWalSender#await}) when it passes
     * @return this
     */
    public WalSenderScript awaitFlush(Lsn lsn, Duration timeout) {
        steps.add(s -> s.awaitStatus(u -> !u.flushed().isBefore(lsn), "flushed >= " + lsn, timeout));
        return this;
    }

    /**
     * Waits until any new status update arrives on this connection.
     *
     * @param timeout how long
     * @return this
     */
    public WalSenderScript awaitStatusUpdate(Duration timeout) {
        steps.add(s -> s.awaitNewStatus(timeout));
        return this;
    }

    /**
     * Does what a PostgreSQL walsender does at a fast shutdown once everything is sent ({@code WalSndDone}): sends
     * keepalives asking for a reply until a status update reports {@code sentPtr} as replicated (the flush
     * position if valid, else the write position), then ends COPY and closes. If no such update arrives within
     * {@code timeout} the connection is closed anyway and {@link FakeWalSender#shutdownBlocked()} turns true.
     *
     * @param sentPtr everything the walsender has sent
     * @param timeout how long to wait for the client
     * @return this
     */
    public WalSenderScript shutdownLikePostgres(Lsn sentPtr, Duration timeout) {
        steps.add(s -> s.shutdown(sentPtr, timeout));
        return this;
    }

    /**
     * Sends nothing and reads nothing new for {@code duration}; TCP stays up (a half-dead server).
     *
     * @param duration how long
     * @return this
     */
    public WalSenderScript stall(Duration duration) {
        steps.add(s -> s.sleep(duration));
        return this;
    }

    /**
     * Sends nothing until the client closes the connection; status updates are still recorded.
     *
     * @return this
     */
    public WalSenderScript stallUntilClosed() {
        steps.add(FakeSession::awaitClientGone);
        return this;
    }

    /**
     * Sends a keepalive every {@code period} (no reply asked) until the client ends COPY or closes.
     *
     * @param period between keepalives
     * @return this
     */
    public WalSenderScript idle(Duration period) {
        steps.add(s -> s.idle(period));
        return this;
    }

    /**
     * From now on, after {@code bytes} more bytes the connection is closed, possibly inside a frame.
     *
     * @param bytes bytes still to send
     * @return this
     */
    public WalSenderScript cutAfterBytes(long bytes) {
        steps.add(s -> s.budget(bytes));
        return this;
    }

    /**
     * From now on every byte is sent alone, {@code pause} apart.
     *
     * @param pause between bytes
     * @return this
     */
    public WalSenderScript trickle(Duration pause) {
        steps.add(s -> s.trickle(pause));
        return this;
    }

    /** @return this; closes the connection with a TCP reset (SO_LINGER 0) */
    public WalSenderScript reset() {
        steps.add(FakeSession::reset);
        return this;
    }

    /** @return this; closes the connection normally (FIN) */
    public WalSenderScript disconnect() {
        steps.add(FakeSession::disconnect);
        return this;
    }

    /**
     * Sends an ErrorResponse (COPY and the connection end, as with a walsender's FATAL).
     *
     * @param severity e.g. {@code FATAL}
     * @param sqlState e.g. {@code 57P01}
     * @param message the primary message
     * @return this
     */
    public WalSenderScript error(String severity, String sqlState, String message) {
        return error(new ServerError(severity, sqlState, message,
                Map.of('S', severity, 'V', severity, 'C', sqlState, 'M', message)));
    }

    /**
     * @param error all the fields to send
     * @return this
     */
    public WalSenderScript error(ServerError error) {
        steps.add(s -> s.sendError(error, true));
        return this;
    }

    /** @return this; the server ends its side of COPY (CopyDone), as a walsender does at a timeline switch */
    public WalSenderScript copyDone() {
        steps.add(s -> s.write(WireOut.copyDone(), null));
        return this;
    }

    /**
     * Sends raw bytes as they are (for hostile-server tests).
     *
     * @param bytes anything
     * @return this
     */
    public WalSenderScript raw(byte[] bytes) {
        byte[] copy = bytes.clone();
        steps.add(s -> s.write(copy, null));
        return this;
    }
}
