package io.walstream.conn;

import io.walstream.ProtocolException;

/**
 * The server sent a message that its protocol does not allow in the connection's current
 * {@link ConnectionState}: carries the tag, the state and the stream offset of the message.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class UnexpectedMessageException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final ConnectionState state;

    /**
     * @param peer the server, e.g. {@code db:5432}
     * @param tag the message's tag byte
     * @param state the state the connection was in
     * @param offset the stream offset of the message's tag byte, or -1 if unknown
     * @param hexExcerpt up to 32 bytes of its payload as hex, possibly empty
     */
    public UnexpectedMessageException(String peer, int tag, ConnectionState state, long offset, String hexExcerpt) {
        super("Unexpected message " + describeTag(tag) + " from " + peer + " " + state.description()
                + " (state " + state + ", offset " + offset + ")", tag, offset, hexExcerpt, null);
        this.state = state;
    }

    /** @return the state the connection was in when the message arrived */
    public ConnectionState state() {
        return state;
    }
}
