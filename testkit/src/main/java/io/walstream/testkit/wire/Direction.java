package io.walstream.testkit.wire;

/**
 * Which way the bytes of a fixture step travel.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum Direction {
    /** {@code <<}: server to client. Replayed by the peer, so always concrete bytes. */
    SERVER_TO_CLIENT("<<"),
    /** {@code >>}: client to server. Checked by the peer; may contain wildcards. */
    CLIENT_TO_SERVER(">>");

    private final String marker;

    Direction(String marker) {
        this.marker = marker;
    }

    /** @return {@code <<} or {@code >>} */
    public String marker() {
        return marker;
    }
}
