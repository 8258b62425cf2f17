package io.walstream.testkit.wire;

import java.util.Arrays;

/**
 * A run of consecutive fixture lines in one direction: the bytes, and for client bytes which of them are
 * wildcards ({@code ..}).
 *
 * <p><b>Thread safety:</b> immutable; accessors return copies.
 */
public final class FixtureStep {

    private final Direction direction;
    private final byte[] bytes;
    private final boolean[] wildcard;

    FixtureStep(Direction direction, byte[] bytes, boolean[] wildcard) {
        this.direction = direction;
        this.bytes = bytes;
        this.wildcard = wildcard;
    }

    /** @return the direction */
    public Direction direction() {
        return direction;
    }

    /** @return the byte count */
    public int length() {
        return bytes.length;
    }

    /** @return the bytes, with wildcard positions set to zero */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * @param index a byte index
     * @return whether that byte is a wildcard
     */
    public boolean isWildcard(int index) {
        return wildcard[index];
    }

    /**
     * Compares actual client bytes with this step's pattern.
     *
     * @param actual the bytes received
     * @return -1 if they match, else the first differing index
     */
    public int firstMismatch(byte[] actual) {
        int n = Math.min(actual.length, bytes.length);
        for (int i = 0; i < n; i++) {
            if (!wildcard[i] && actual[i] != bytes[i]) {
                return i;
            }
        }
        return actual.length == bytes.length ? -1 : n;
    }

    @Override
    public String toString() {
        return direction.marker() + " " + bytes.length + " bytes" + (hasWildcards() ? " (with wildcards)" : "");
    }

    private boolean hasWildcards() {
        for (boolean w : wildcard) {
            if (w) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixtureStep s && s.direction == direction && Arrays.equals(s.bytes, bytes)
                && Arrays.equals(s.wildcard, wildcard);
    }

    @Override
    public int hashCode() {
        return 31 * direction.hashCode() + Arrays.hashCode(bytes);
    }
}
