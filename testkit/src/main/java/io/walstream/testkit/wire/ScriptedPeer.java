package io.walstream.testkit.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a {@link WireFixture} as the server: sends its {@code <<} bytes cut by a {@link Chunking} (a flush
 * and a short pause between chunks, so the client sees them as separate segments) and checks that the
 * client's bytes match each {@code >>} step, wildcards allowed. After the script it half-closes, waits for
 * the client to close, and closes.
 *
 * <p><b>Thread safety:</b> stateless; the scripts it makes run on one peer thread.
 */
public final class ScriptedPeer {

    private static final long PAUSE_NANOS = 20_000;
    private static final int CLIENT_READ_TIMEOUT_MS = 10_000;

    private ScriptedPeer() {
    }

    /**
     * @param fixture the script
     * @param chunking how to cut the server bytes
     * @return a script for {@link LoopbackPeer#start(PeerScript)}
     */
    public static PeerScript replay(WireFixture fixture, Chunking chunking) {
        return socket -> run(socket, fixture, chunking);
    }

    private static void run(Socket socket, WireFixture fixture, Chunking chunking) throws IOException {
        byte[] all = fixture.serverBytes();
        int[] cuts = chunking.cutPoints(all.length, fixture.frameBoundaries());
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(CLIENT_READ_TIMEOUT_MS);
        int global = 0;
        int cutIndex = 0;
        int stepNo = 0;
        for (FixtureStep step : fixture.steps()) {
            stepNo++;
            byte[] bytes = step.bytes();
            if (step.direction() == Direction.SERVER_TO_CLIENT) {
                int start = global;
                int end = global + bytes.length;
                int from = start;
                while (from < end) {
                    while (cutIndex < cuts.length && cuts[cutIndex] <= from) {
                        cutIndex++;
                    }
                    int to = cutIndex < cuts.length && cuts[cutIndex] < end ? cuts[cutIndex] : end;
                    out.write(bytes, from - start, to - from);
                    out.flush();
                    from = to;
                    if (from < end) {
                        LockSupport.parkNanos(PAUSE_NANOS);
                    }
                }
                global = end;
            } else {
                byte[] actual = readExactly(in, bytes.length, fixture, stepNo);
                int at = step.firstMismatch(actual);
                if (at >= 0) {
                    throw new AssertionError("Fixture " + fixture.name() + " step " + stepNo + " (>>): client byte "
                            + at + " differs; expected " + render(step, bytes) + " got "
                            + HexFormat.of().formatHex(actual));
                }
            }
        }
        socket.shutdownOutput();
        // Drain until the client closes, so that closing here cannot reset unread data on the client side.
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the client went away: that is the end we wait for
        }
    }

    private static byte[] readExactly(InputStream in, int n, WireFixture fixture, int stepNo) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) {
                throw new EOFException("Fixture " + fixture.name() + " step " + stepNo + " (>>): the client closed after "
                        + got + " of " + n + " bytes");
            }
            got += r;
        }
        return buf;
    }

    private static String render(FixtureStep step, byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            sb.append(step.isWildcard(i) ? ".." : String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }
}
