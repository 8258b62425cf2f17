package io.walstream.conn;

import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.codec.FrontendMessages;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The CopyBoth sub-protocol that {@code START_REPLICATION} opens on a {@link PgConnection}: CopyData frames
 * from the server, CopyData (status updates) and CopyDone from the client.
 *
 * <p>{@link #next} returns each server CopyData frame; ParameterStatus and NoticeResponse are handled on the
 * way. The end of the server's side is reported as {@code null} from {@link #next} with {@link #isServerDone()}
 * true (CopyDone, or CommandComplete without one at a walsender shutdown). An ErrorResponse ends COPY in both
 * directions and is thrown as {@link ServerErrorException}.
 *
 * <p><b>Thread safety:</b> one reader thread calls {@link #next}; {@link #send} and {@link #sendCopyDone} may be
 * called from any thread, also while a read is blocked (the transport's sink is thread-safe).
 */
public final class CopyBoth {

    private final PgConnection connection;
    private volatile boolean serverDone;
    private volatile boolean clientDone;
    private volatile boolean finished;

    CopyBoth(PgConnection connection) {
        this.connection = connection;
    }

    /** @return the connection this stream runs on */
    public PgConnection connection() {
        return connection;
    }

    /**
     * @param timeoutNanos how long to wait; zero polls
     * @return the next CopyData frame, or {@code null} on timeout or once the server's side has ended
     * @throws ServerErrorException if the server sent an ErrorResponse (COPY is over)
     */
    public Frame next(long timeoutNanos) {
        return advance(timeoutNanos) < 0 ? null : connection.decoder().currentFrame();
    }

    /**
     * The zero-allocation form of {@link #next}: moves the connection's {@link FrameDecoder} cursor to the next
     * CopyData frame, whose payload is then read through {@link FrameDecoder#currentArray()} and its siblings,
     * valid until the next call.
     *
     * @param timeoutNanos how long to wait; zero polls
     * @return {@code 'd'}, or -1 on timeout or once the server's side has ended
     * @throws ServerErrorException if the server sent an ErrorResponse (COPY is over)
     */
    public int advance(long timeoutNanos) {
        if (serverDone) {
            return -1;
        }
        FrameDecoder decoder = connection.decoder();
        BackendDispatcher dispatcher = connection.dispatcher();
        // The clock is read only when a read may wait: a buffered frame is returned without one.
        boolean bounded = timeoutNanos != Long.MAX_VALUE;
        long start = bounded && decoder.pendingFrames() == 0 ? System.nanoTime() : Long.MIN_VALUE;
        long left = timeoutNanos;
        while (true) {
            int tag;
            try {
                tag = decoder.advance(Math.max(0, left));
            } catch (ServerErrorException e) {
                serverDone = true;
                dispatcher.error(e); // COPY_BOTH does not defer: thrown here
                throw e;
            }
            if (tag == 'd') {
                return tag;
            }
            if (tag < 0) {
                return -1;
            }
            // The control path: everything but CopyData goes through the connection's dispatcher.
            if (dispatcher.accept(decoder.currentFrame())) {
                if (bounded) {
                    if (start == Long.MIN_VALUE) {
                        start = System.nanoTime(); // the frames so far came from the buffer, without waiting
                    }
                    left = timeoutNanos - (System.nanoTime() - start);
                }
                continue;
            }
            serverEnded(tag);
            return -1;
        }
    }

    /** The server's side ended with CopyDone, CommandComplete or ReadyForQuery (the only others COPY_BOTH allows). */
    private void serverEnded(int tag) {
        serverDone = true;
        if (tag == 'Z') {
            finished = true;
        } else if (connection.dispatcher().state() == ConnectionState.COPY_BOTH) {
            connection.dispatcher().enter(ConnectionState.COPY_BOTH_ENDED); // late CopyData, results, then Z
        }
    }

    /** @return the connection's frame decoder, whose cursor {@link #advance} moves; reader thread only */
    public FrameDecoder decoder() {
        return connection.decoder();
    }

    /**
     * Sends one CopyData message with {@code payload}.
     *
     * @param payload the bytes (e.g. an encoded standby status update body)
     */
    public void sendCopyData(ByteBuffer payload) {
        connection.send(FrontendMessages.copyData(payload));
    }

    /**
     * Sends an already framed message (e.g. {@code StandbyStatusUpdate.encode()}).
     *
     * @param message a complete frontend message
     */
    public void send(ByteBuffer message) {
        if (clientDone) {
            throw new IllegalStateException("CopyDone was already sent; no more CopyData may follow");
        }
        connection.send(message);
    }

    /** Sends CopyDone: the client will send no more CopyData. Idempotent. */
    public synchronized void sendCopyDone() {
        if (!clientDone) {
            clientDone = true;
            connection.send(FrontendMessages.copyDone());
        }
    }

    /** @return whether the server ended its side (CopyDone, CommandComplete or ReadyForQuery seen) */
    public boolean isServerDone() {
        return serverDone;
    }

    /** @return whether CopyDone was sent */
    public boolean isClientDone() {
        return clientDone;
    }

    /**
     * Ends COPY cleanly: sends CopyDone if not yet sent, then reads (discarding CopyData, also the CopyData a
     * walsender may still send after its own CopyDone, and a timeline switch's result set) until ReadyForQuery,
     * for at most {@code timeout}. Never throws for what it reads: a failure makes it return {@code false}.
     *
     * @param timeout the bound
     * @return whether ReadyForQuery arrived in time (the connection is then usable again)
     */
    public boolean finish(Duration timeout) {
        sendCopyDone();
        long deadline = System.nanoTime() + timeout.toNanos();
        BackendDispatcher dispatcher = connection.dispatcher();
        try {
            while (!finished) {
                Frame f = dispatcher.next(deadline);
                if (f == null) {
                    return false;
                }
                int tag = f.tag();
                if (tag == 'Z' || ((tag == 'c' || tag == 'C') && !serverDone)) {
                    serverEnded(tag);
                } // CopyData still in flight and the results of a timeline switch are discarded
            }
            return true;
        } catch (ServerErrorException e) {
            if (dispatcher.state() == ConnectionState.READY) {
                finished = serverDone = true; // the error came with ReadyForQuery: the connection is usable
                return true;
            }
            return false;
        } catch (TransportException | ProtocolException e) {
            return false; // the connection is not usable; finish() only tidies up, it does not report
        }
    }
}
