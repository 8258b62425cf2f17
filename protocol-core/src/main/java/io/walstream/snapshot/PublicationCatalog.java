package io.walstream.snapshot;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.conn.Sql;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads what a set of publications publishes, from the catalogs as the importing transaction's snapshot sees
 * them: the table list from {@code pg_publication_tables} (which resolves FOR ALL TABLES, FOR TABLES IN SCHEMA
 * and {@code publish_via_partition_root}), column lists and row filters (PostgreSQL 15+; on 18 the column list
 * includes stored generated columns when the publication publishes them), leaf partitions of a root published
 * via the root, replica identity key columns, and the names of non-built-in types, so each table becomes a
 * {@link SnapshotTable} whose relation matches the Relation message pgoutput sends.
 *
 * <p><b>Thread safety:</b> stateless; uses the given connection on the calling thread.
 */
final class PublicationCatalog {

    /** OIDs below this are built in; pgoutput sends Type messages only for the others. */
    private static final long FIRST_GENBKI_OBJECT_ID = 10000;

    private PublicationCatalog() {
    }

    private record TableRow(int oid, String schema, String name, char relkind, char replident, long pages) {
    }

    private record Col(String name, int typeOid, int typmod, int attnum) {
    }

    /** What {@link #load} found: the tables, and the relation cache their rows bind to (read-only from now on). */
    record Catalog(List<SnapshotTable> tables, RelationCache relations) {
    }

    /** pg_class.relpages: read without taking a lock, so planning never blocks a concurrent DROP. */
    private static final String PAGES = "c.relpages";

    static Catalog load(PgConnection conn, List<String> publications) {
        boolean v15 = conn.serverVersion().atLeast(15);
        boolean scs = conn.standardConformingStrings();
        String pubList = publications.stream().map(p -> Sql.quoteLiteral(p, scs)).collect(Collectors.joining(","));
        ResultSet pubs = conn.query("SELECT pubname FROM pg_catalog.pg_publication WHERE pubname IN (" + pubList + ")");
        Set<String> found = new HashSet<>();
        for (int i = 0; i < pubs.rowCount(); i++) {
            found.add(pubs.getString(i, 0));
        }
        List<String> missing = publications.stream().filter(p -> !found.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw new SnapshotException("Publication(s) " + missing + " do not exist in database "
                    + conn.parameter("database") + "; nothing to snapshot", null, null);
        }

        String from = " FROM pg_catalog.pg_publication_tables pt"
                + " JOIN pg_catalog.pg_namespace n ON n.nspname = pt.schemaname"
                + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename"
                + " WHERE pt.pubname IN (" + pubList + ")";
        ResultSet tables = conn.query("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relreplident, " + PAGES + ", "
                + (v15 ? "pt.rowfilter, pt.attnames IS NULL" : "NULL, true") + from + " ORDER BY c.oid");
        Map<Integer, TableRow> byOid = new LinkedHashMap<>();
        Map<Integer, List<String>> filters = new HashMap<>();
        Set<Integer> unfiltered = new HashSet<>();
        Set<Integer> allColumns = new HashSet<>();
        for (int i = 0; i < tables.rowCount(); i++) {
            int oid = (int) Long.parseLong(tables.getString(i, 0));
            byOid.putIfAbsent(oid, new TableRow(oid, tables.getString(i, 1), tables.getString(i, 2),
                    tables.getString(i, 3).charAt(0), tables.getString(i, 4).charAt(0),
                    Long.parseLong(tables.getString(i, 5))));
            String filter = tables.getString(i, 6);
            if (filter == null) {
                unfiltered.add(oid);
            } else {
                filters.computeIfAbsent(oid, k -> new ArrayList<>()).add(filter);
            }
            if ("t".equals(tables.getString(i, 7))) {
                allColumns.add(oid);
            }
        }
        if (byOid.isEmpty()) {
            return new Catalog(List.of(), new RelationCache());
        }
        String oidArray = "'{" + byOid.keySet().stream().map(Integer::toUnsignedString)
                .collect(Collectors.joining(",")) + "}'::oid[]";

        Map<Integer, TreeMap<Integer, Col>> columns = new HashMap<>();
        if (v15) {
            ResultSet cols = conn.query("SELECT DISTINCT c.oid, a.attname, a.atttypid, a.atttypmod, a.attnum" + from
                    .replace(" WHERE ", " CROSS JOIN LATERAL unnest(pt.attnames) AS u(attname)"
                            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = u.attname"
                            // before 18 pgoutput never sends generated columns, but 15's view lists them
                            + (conn.serverVersion().atLeast(18) ? "" : " AND a.attgenerated = ''") + " WHERE "));
            addColumns(cols, columns);
        }
        Set<Integer> needAll = new HashSet<>(allColumns);
        for (Integer oid : byOid.keySet()) {
            if (!columns.containsKey(oid)) {
                needAll.add(oid); // PostgreSQL 14, or a list the view leaves NULL: every non-generated column
            }
        }
        if (!needAll.isEmpty()) {
            String need = "'{" + needAll.stream().map(Integer::toUnsignedString).collect(Collectors.joining(","))
                    + "}'::oid[]";
            ResultSet cols = conn.query("SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnum"
                    + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = ANY(" + need + ") AND a.attnum > 0"
                    + " AND NOT a.attisdropped AND a.attgenerated = ''");
            for (Integer oid : needAll) {
                columns.remove(oid);
            }
            addColumns(cols, columns);
        }

        Map<Integer, Set<String>> keys = new HashMap<>();
        ResultSet keyRows = conn.query("SELECT i.indrelid, a.attname FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = ANY(" + oidArray + ") AND ((c.relreplident = 'd' AND i.indisprimary)"
                + " OR (c.relreplident = 'i' AND i.indisreplident))");
        for (int i = 0; i < keyRows.rowCount(); i++) {
            keys.computeIfAbsent((int) Long.parseLong(keyRows.getString(i, 0)), k -> new HashSet<>())
                    .add(keyRows.getString(i, 1));
        }

        RelationCache cache = new RelationCache();
        Set<Integer> typeOids = new HashSet<>();
        columns.values().forEach(m -> m.values().forEach(c -> {
            if (Integer.toUnsignedLong(c.typeOid()) >= FIRST_GENBKI_OBJECT_ID) {
                typeOids.add(c.typeOid());
            }
        }));
        if (!typeOids.isEmpty()) {
            // pgoutput's Type message: the column's type OID with the namespace ("" for pg_catalog) and name of
            // its base type (a domain's base type; one level, as far as a domain over a domain goes)
            ResultSet types = conn.query("SELECT t.oid, CASE WHEN bn.nspname = 'pg_catalog' THEN '' ELSE bn.nspname"
                    + " END, bt.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_type bt ON bt.oid ="
                    + " CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
                    + " JOIN pg_catalog.pg_namespace bn ON bn.oid = bt.typnamespace WHERE t.oid = ANY('{"
                    + typeOids.stream().map(Integer::toUnsignedString).collect(Collectors.joining(","))
                    + "}'::oid[])");
            for (int i = 0; i < types.rowCount(); i++) {
                cache.put(new Type((int) Long.parseLong(types.getString(i, 0)), types.getString(i, 1),
                        types.getString(i, 2)));
            }
        }

        Set<Integer> noSend = new HashSet<>();
        Set<Integer> allTypes = new HashSet<>();
        columns.values().forEach(m -> m.values().forEach(c -> allTypes.add(c.typeOid())));
        if (!allTypes.isEmpty()) {
            ResultSet r = conn.query("SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typsend = 0 AND t.oid = ANY('{"
                    + allTypes.stream().map(Integer::toUnsignedString).collect(Collectors.joining(","))
                    + "}'::oid[])");
            for (int i = 0; i < r.rowCount(); i++) {
                noSend.add((int) Long.parseLong(r.getString(i, 0)));
            }
        }

        List<SnapshotTable> result = new ArrayList<>();
        for (TableRow t : byOid.values()) {
            ReplicaIdentity identity = ReplicaIdentity.fromCode(t.replident());
            Set<String> keyCols = keys.getOrDefault(t.oid(), Set.of());
            List<RelationColumn> relCols = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Collection<Col> tableCols = columns.getOrDefault(t.oid(), new TreeMap<>()).values();
            boolean[] textInBinary = new boolean[tableCols.size()];
            for (Col c : tableCols) {
                textInBinary[names.size()] = noSend.contains(c.typeOid());
                boolean key = identity == ReplicaIdentity.FULL || keyCols.contains(c.name());
                relCols.add(RelationColumn.of(key, c.name(), c.typeOid(), c.typmod()));
                names.add(c.name());
            }
            CachedRelation relation = cache.put(new Relation(t.oid(), t.schema().equals("pg_catalog") ? ""
                    : t.schema(), t.name(), identity, relCols));
            List<SnapshotTable.Source> sources = t.relkind() == 'p' ? leaves(conn, t)
                    : List.of(new SnapshotTable.Source(t.oid(), t.schema(), t.name(), t.pages()));
            String filter = unfiltered.contains(t.oid()) || !filters.containsKey(t.oid()) ? null
                    : filters.get(t.oid()).size() == 1 ? filters.get(t.oid()).get(0)
                    : filters.get(t.oid()).stream().map(f -> "(" + f + ")").collect(Collectors.joining(" OR "));
            result.add(new SnapshotTable(relation, sources, filter, textInBinary));
        }
        return new Catalog(result, cache);
    }

    private static void addColumns(ResultSet cols, Map<Integer, TreeMap<Integer, Col>> columns) {
        for (int i = 0; i < cols.rowCount(); i++) {
            int oid = (int) Long.parseLong(cols.getString(i, 0));
            int attnum = Integer.parseInt(cols.getString(i, 4));
            columns.computeIfAbsent(oid, k -> new TreeMap<>()).put(attnum, new Col(cols.getString(i, 1),
                    (int) Long.parseLong(cols.getString(i, 2)), Integer.parseInt(cols.getString(i, 3)), attnum));
        }
    }

    /** The leaf partitions (plain tables only) of a partitioned table published via its root. */
    private static List<SnapshotTable.Source> leaves(PgConnection conn, TableRow root) {
        ResultSet r = conn.query("SELECT c.oid, n.nspname, c.relname, " + PAGES
                + " FROM pg_catalog.pg_partition_tree(" + Integer.toUnsignedString(root.oid()) + "::oid) p"
                + " JOIN pg_catalog.pg_class c ON c.oid = p.relid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE p.isleaf AND c.relkind = 'r' ORDER BY c.oid");
        List<SnapshotTable.Source> out = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            out.add(new SnapshotTable.Source((int) Long.parseLong(r.getString(i, 0)), r.getString(i, 1),
                    r.getString(i, 2), Long.parseLong(r.getString(i, 3))));
        }
        return out;
    }
}
