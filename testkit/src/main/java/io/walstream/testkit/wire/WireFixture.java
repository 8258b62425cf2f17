package io.walstream.testkit.wire;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code .pgw} wire fixture: an ordered script of server ({@code <<}) and client ({@code >>}) byte
 * runs, plus the expected decode from the sibling {@code .expect} file.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class WireFixture {

    private final String name;
    private final URI source;
    private final List<FixtureStep> steps;
    private final List<String> expected;
    private final byte[] serverBytes;
    private final int[] frameBoundaries;

    WireFixture(String name, URI source, List<FixtureStep> steps, List<String> expected) {
        this.name = name;
        this.source = source;
        this.steps = List.copyOf(steps);
        this.expected = List.copyOf(expected);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (FixtureStep s : steps) {
            if (s.direction() == Direction.SERVER_TO_CLIENT) {
                all.writeBytes(s.bytes());
            }
        }
        this.serverBytes = all.toByteArray();
        this.frameBoundaries = scanFrameBoundaries(serverBytes);
    }

    /** @return the fixture name, e.g. {@code replication/keepalive} */
    public String name() {
        return name;
    }

    /** @return where the fixture was loaded from, or {@code null} */
    public URI source() {
        return source;
    }

    /** @return the steps in script order */
    public List<FixtureStep> steps() {
        return steps;
    }

    /** @return the expected decode lines (from the {@code .expect} file), possibly empty */
    public List<String> expected() {
        return expected;
    }

    /** @return every server-to-client byte, concatenated in order */
    public byte[] serverBytes() {
        return serverBytes.clone();
    }

    /** @return whether any step is client-to-server */
    public boolean hasClientBytes() {
        return steps.stream().anyMatch(s -> s.direction() == Direction.CLIENT_TO_SERVER);
    }

    /**
     * Offsets in {@link #serverBytes()} where a tagged frame ends, found by walking the {@code Byte1 tag,
     * Int32 length} headers; the walk stops at the first header that is invalid or runs past the end, so
     * hostile fixtures yield the boundaries before the bad frame.
     *
     * @return the boundaries, ascending, each in (0, length]
     */
    public int[] frameBoundaries() {
        return frameBoundaries.clone();
    }

    static int[] scanFrameBoundaries(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= bytes.length) {
            int len = ((bytes[pos + 1] & 0xff) << 24) | ((bytes[pos + 2] & 0xff) << 16)
                    | ((bytes[pos + 3] & 0xff) << 8) | (bytes[pos + 4] & 0xff);
            if (len < 4 || (long) pos + 1 + len > bytes.length) {
                break;
            }
            pos += 1 + len;
            out.add(pos);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
