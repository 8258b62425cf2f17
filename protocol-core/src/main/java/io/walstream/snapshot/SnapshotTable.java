package io.walstream.snapshot;

import io.walstream.pgoutput.CachedRelation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published table as a snapshot copies it: the relation its rows are reported under (with the same
 * columns, types and key flags pgoutput's Relation message would carry), the tables actually read, and the
 * publication's row filter.
 *
 * <p>With {@code publish_via_partition_root} a partitioned table is reported under its root while its leaf
 * partitions are read (each on its own, so they go in parallel); without it every leaf is its own
 * {@code SnapshotTable}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class SnapshotTable {

    /** One table that is read: a plain table or a leaf partition. */
    record Source(int oid, String schema, String name, long pages) {
        String quoted() {
            return io.walstream.conn.Sql.quoteIdentifier(schema) + "." + io.walstream.conn.Sql.quoteIdentifier(name);
        }

        String qualifiedName() {
            return schema + "." + name;
        }
    }

    private final CachedRelation relation;
    private final List<Source> sources;
    private final String rowFilter;
    private final boolean[] textInBinary;

    SnapshotTable(CachedRelation relation, List<Source> sources, String rowFilter, boolean[] textInBinary) {
        this.relation = Objects.requireNonNull(relation, "relation");
        this.sources = List.copyOf(sources);
        this.rowFilter = rowFilter;
        this.textInBinary = textInBinary.clone();
    }

    /**
     * @param index a column index
     * @return whether the column's type has no binary send function, so that pgoutput sends it as text even in
     *         binary mode (aclitem, for example); a binary snapshot then reads it as {@code col::text}
     */
    boolean textInBinary(int index) {
        return textInBinary[index];
    }

    boolean[] textInBinary() {
        return textInBinary.clone();
    }

    /** @return the relation rows are reported under, as a streamed row's relation entry */
    public CachedRelation relation() {
        return relation;
    }

    /** @return {@code schema.name} of the reported relation */
    public String qualifiedName() {
        return relation.qualifiedName();
    }

    /** @return {@code schema.name} of every table read: the table itself, or its leaf partitions */
    public List<String> sourceTables() {
        return sources.stream().map(Source::qualifiedName).toList();
    }

    /** @return the publication's row filter (PostgreSQL 15+), combined with OR over several publications */
    public Optional<String> rowFilter() {
        return Optional.ofNullable(rowFilter);
    }

    /** @return the size estimate from {@code pg_class.relpages} summed over the sources, in pages */
    public long estimatedPages() {
        long sum = 0;
        for (Source s : sources) {
            sum += Math.max(0, s.pages());
        }
        return sum;
    }

    List<Source> sources() {
        return sources;
    }

    @Override
    public String toString() {
        return "SnapshotTable[" + qualifiedName() + (sources.size() == 1 && sources.get(0).oid() == relation.oid()
                ? "" : " from " + sourceTables()) + (rowFilter == null ? "" : " where " + rowFilter) + "]";
    }
}
