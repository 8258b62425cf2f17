package io.walstream.pgoutput.types;

import java.util.List;

/**
 * A multirange value ({@code int4multirange} … {@code datemultirange}, PostgreSQL 14+): its ranges in order,
 * printed {@code {[1,3),[5,7)}} as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable if the bounds are.
 *
 * @param <T> the bound type
 * @param ranges the non-empty, non-overlapping ranges, ascending
 */
public record PgMultirange<T>(List<PgRange<T>> ranges) {

    /** Copies the list. */
    public PgMultirange {
        ranges = List.copyOf(ranges);
    }

    /** @return {@code {range,range}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < ranges.size(); i++) {
            sb.append(i > 0 ? "," : "").append(ranges.get(i));
        }
        return sb.append('}').toString();
    }
}
