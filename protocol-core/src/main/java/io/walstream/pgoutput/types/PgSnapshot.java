package io.walstream.pgoutput.types;

import java.util.List;

/**
 * A {@code pg_snapshot} (or legacy {@code txid_snapshot}) value: {@code xmin:xmax:xip,...} with 64-bit
 * transaction ids, printed as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param xmin the earliest transaction still active
 * @param xmax the first transaction not yet assigned
 * @param inProgress the transactions in progress, ascending
 */
public record PgSnapshot(long xmin, long xmax, List<Long> inProgress) {

    /** Copies the list. */
    public PgSnapshot {
        inProgress = List.copyOf(inProgress);
    }

    static PgSnapshot parse(String text) {
        String t = text.trim();
        int a = t.indexOf(':');
        int b = t.indexOf(':', a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("not a snapshot");
        }
        List<Long> xips = new java.util.ArrayList<>();
        int from = b + 1;
        while (from < t.length()) {
            int comma = t.indexOf(',', from);
            int end = comma < 0 ? t.length() : comma;
            xips.add(Long.parseUnsignedLong(t.substring(from, end)));
            from = end + 1;
        }
        return new PgSnapshot(Long.parseUnsignedLong(t.substring(0, a)), Long.parseUnsignedLong(t.substring(a + 1, b)),
                xips);
    }

    /** @return {@code xmin:xmax:xip1,xip2} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(Long.toUnsignedString(xmin)).append(':')
                .append(Long.toUnsignedString(xmax)).append(':');
        for (int i = 0; i < inProgress.size(); i++) {
            sb.append(i > 0 ? "," : "").append(Long.toUnsignedString(inProgress.get(i)));
        }
        return sb.toString();
    }
}
