package io.walstream.it;

import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import io.walstream.snapshot.SnapshotRow;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer's materialised view of tables keyed by their {@code id} column, fed by snapshot rows and then by
 * streamed changes; counts every change that cannot apply cleanly (an insert of a key already present, an
 * update or delete of a missing key), which is what a duplicate or a gap at the hand-off looks like.
 * Values are kept in a canonical text form that is the same for text and binary tuples of the test types
 * (int, bigint, text, numeric, bytea, boolean as bool::text writes it).
 */
final class SnapshotView {
    final Map<String, Map<String, List<String>>> tables = new TreeMap<>();
    final List<String> anomalies = new ArrayList<>();
    long snapshotRows;

    void clear() {
        tables.clear();
        anomalies.clear();
        snapshotRows = 0;
    }

    void snapshot(SnapshotRow r) {
        snapshotRows++;
        if (!r.isSnapshotRead()) {
            anomalies.add("not marked as a snapshot read: " + r.describe());
        }
        Map<String, List<String>> t = table(r.row());
        if (t.put(key(r.row()), canon(r.row())) != null) {
            anomalies.add("snapshot row twice: " + r.describe());
        }
    }

    /** Applies a streamed change; ignores other messages. */
    void apply(ReplicationEvent e) {
        if (e.message() instanceof Insert) {
            if (table(e.newRow()).put(key(e.newRow()), canon(e.newRow())) != null) {
                anomalies.add("insert of a present key (duplicate delivery): " + e.newRow().describe());
            }
        } else if (e.message() instanceof Update) {
            Row key = e.oldRow() != null ? e.oldRow() : e.newRow();
            if (table(key).remove(key(key)) == null) {
                anomalies.add("update of a missing key (gap): " + e.newRow().describe());
            }
            table(e.newRow()).put(key(e.newRow()), canon(e.newRow()));
        } else if (e.message() instanceof Delete) {
            if (table(e.oldRow()).remove(key(e.oldRow())) == null) {
                anomalies.add("delete of a missing key (gap or duplicate): " + e.oldRow().describe());
            }
        } else if (e.message() instanceof Truncate) {
            anomalies.add("unexpected truncate");
        }
    }

    private Map<String, List<String>> table(Row r) {
        return tables.computeIfAbsent(r.relation().qualifiedName(), k -> new TreeMap<>());
    }

    private static String key(Row r) {
        return canon(r.get("id"));
    }

    static List<String> canon(Row r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            out.add(r.relation().columnNames().get(i) + "=" + canon(r.get(i)));
        }
        return out;
    }

    static String canon(ColumnValue v) {
        if (v.isNull()) {
            return "NULL";
        }
        switch (v.typeName()) {
            case "int2":
            case "int4":
            case "int8":
                return Long.toString(v.asLong());
            case "numeric":
                return v.asBigDecimal().toPlainString();
            case "bytea":
                return "\\x" + HexFormat.of().formatHex(v.asBytes());
            case "bool":
                return Boolean.toString(v.asBoolean()); // as bool::text writes it
            default:
                return v.asString();
        }
    }

    /**
     * The table as {@code SELECT} sees it, in the same canonical form; {@code columns} is the select list
     * (published columns), {@code where} an optional filter.
     */
    static Map<String, List<String>> expected(PgConnection sql, String table, List<String> columns, String where) {
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            q.append(i == 0 ? "" : ", ").append(columns.get(i)).append("::text");
        }
        q.append(" FROM ").append(table).append(where == null ? "" : " WHERE " + where);
        ResultSet r = sql.query(q.toString());
        Map<String, List<String>> out = new TreeMap<>();
        for (int row = 0; row < r.rowCount(); row++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String v = r.getString(row, c);
                values.add(columns.get(c) + "=" + (v == null ? "NULL" : v));
            }
            out.put(values.get(columns.indexOf("id")).substring(3), values);
        }
        return out;
    }
}
