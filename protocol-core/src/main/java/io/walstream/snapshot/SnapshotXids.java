package io.walstream.snapshot;

import java.util.HashSet;
import java.util.Set;

/**
 * The transaction visibility of one snapshot, from {@code pg_current_snapshot()}'s text form
 * {@code xmin:xmax:xip1,xip2,...} (64-bit xids with epoch), answering for the 32-bit xids pgoutput sends.
 *
 * <p><b>Thread safety:</b> immutable.
 */
final class SnapshotXids {
    private final long xmin;
    private final long xmax;
    private final Set<Long> inProgress;

    private SnapshotXids(long xmin, long xmax, Set<Long> inProgress) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.inProgress = inProgress;
    }

    static SnapshotXids parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a snapshot: " + text);
        }
        Set<Long> xip = new HashSet<>();
        if (!parts[2].isEmpty()) {
            for (String x : parts[2].split(",")) {
                xip.add(Long.parseLong(x));
            }
        }
        return new SnapshotXids(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
    }

    /** Widens a 32-bit xid to the epoch of {@code xmax}: the xid is recent, at most 2^31 before it. */
    long widen(int xid) {
        long x = (xmax & ~0xffffffffL) | Integer.toUnsignedLong(xid);
        if (x > xmax + (1L << 31)) {
            x -= 1L << 32;
        } else if (x < xmax - (1L << 31)) {
            x += 1L << 32;
        }
        return x;
    }

    /** @return whether a transaction with this xid committed as far as the snapshot sees */
    boolean isVisible(int xid) {
        long x = widen(xid);
        if (x < xmin) {
            return true;
        }
        return x < xmax && !inProgress.contains(x);
    }

    @Override
    public String toString() {
        return xmin + ":" + xmax + ":" + inProgress;
    }
}
