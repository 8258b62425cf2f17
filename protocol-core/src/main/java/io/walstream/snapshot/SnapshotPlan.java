package io.walstream.snapshot;

import io.walstream.conn.Sql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a {@link TableSnapshot} divides its tables into work units, and the COPY statement that reads one unit.
 *
 * <pre>
 * unit = (table, source, pages [from, to)) ; to = -1: open-ended, up to the end of the table
 * COPY (SELECT published columns FROM ONLY source WHERE (row filter) AND ctid &gt;= '(from,0)' AND ctid &lt; '(to,0)')
 *   TO STDOUT [(FORMAT binary)]
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class SnapshotPlan {

    private SnapshotPlan() {
    }

    /** One piece of work: a table or a ctid range of it. */
    record Unit(SnapshotTable table, SnapshotTable.Source source, long fromPage, long toPage, long size) {
        long pages() {
            return toPage >= 0 ? toPage - fromPage : Math.max(1, size - fromPage);
        }
    }

    static long pagesOf(SnapshotTable.Source s, Map<Integer, Long> sizes) {
        return Math.max(Math.max(0, s.pages()), sizes.getOrDefault(s.oid(), 0L));
    }

    /**
     * Splits the tables into work units, largest first: one per source, or with several workers and TID range
     * scans, ctid ranges of {@code pagesPerChunk} pages for a source above 1.5 times that (the last open-ended).
     */
    static List<Unit> plan(List<SnapshotTable> tables, Map<Integer, Long> sizes, int workers, long pagesPerChunk,
                           boolean tidRangeScans) {
        List<Unit> units = new ArrayList<>();
        for (SnapshotTable t : tables) {
            for (SnapshotTable.Source s : t.sources()) {
                long pages = pagesOf(s, sizes);
                if (workers > 1 && tidRangeScans && pages > pagesPerChunk + pagesPerChunk / 2) {
                    for (long from = 0; from < pages; from += pagesPerChunk) {
                        boolean last = from + pagesPerChunk >= pages;
                        units.add(new Unit(t, s, from, last ? -1 : from + pagesPerChunk, pages));
                    }
                } else {
                    units.add(new Unit(t, s, 0, -1, pages));
                }
            }
        }
        units.sort(Comparator.comparingLong(Unit::pages).reversed());
        return units;
    }

    static String copySql(Unit u, boolean binary) {
        SnapshotTable t = u.table();
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        List<String> cols = t.relation().columnNames();
        if (cols.isEmpty()) {
            // a table without published columns still has rows; pgoutput sends zero-column tuples for them
            sql.append("FROM ONLY ");
        } else {
            for (int i = 0; i < cols.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(Sql.quoteIdentifier(cols.get(i)));
                if (binary && t.textInBinary(i)) {
                    sql.append("::text"); // no send function: pgoutput sends its text output, so read that
                }
            }
            sql.append(" FROM ONLY ");
        }
        sql.append(u.source().quoted());
        List<String> where = new ArrayList<>();
        t.rowFilter().ifPresent(f -> where.add("(" + f + ")"));
        if (u.fromPage() > 0) {
            where.add("ctid >= '(" + u.fromPage() + ",0)'::tid");
        }
        if (u.toPage() >= 0) {
            where.add("ctid < '(" + u.toPage() + ",0)'::tid");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(") TO STDOUT");
        if (binary) {
            sql.append(" (FORMAT binary)");
        }
        return sql.toString();
    }
}
