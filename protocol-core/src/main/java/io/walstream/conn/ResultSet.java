package io.walstream.conn;

import io.walstream.codec.Column;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The result of one statement of a simple query: the columns, the rows as raw text-format bytes, and the
 * CommandComplete tag.
 *
 * <p><b>Thread safety:</b> immutable (row arrays are not copied on access; treat them as read-only).
 *
 * @param columns the RowDescription, empty for commands that return no rows
 * @param rows each row's values; a {@code null} element is SQL NULL
 * @param commandTag the CommandComplete tag, e.g. {@code SELECT 1} or {@code IDENTIFY_SYSTEM}; {@code ""} for an
 *        empty query
 */
public record ResultSet(List<Column> columns, List<byte[][]> rows, String commandTag) {

    public ResultSet {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows.size();
    }

    /**
     * @param name a column name
     * @return its index
     * @throws IllegalArgumentException if there is no such column
     */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No column \"" + name + "\" in result with columns " + columnNames());
    }

    /** @return the column names in order */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * @param row row index
     * @param column column index
     * @return the value as UTF-8 text, or {@code null} for SQL NULL
     */
    public String getString(int row, int column) {
        byte[] v = rows.get(row)[column];
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * @param row row index
     * @param column column name
     * @return the value as UTF-8 text, or {@code null} for SQL NULL
     */
    public String getString(int row, String column) {
        return getString(row, columnIndex(column));
    }

    /**
     * @param row row index
     * @param column column index
     * @return a copy of the raw value bytes, or {@code null} for SQL NULL
     */
    public byte[] getBytes(int row, int column) {
        byte[] v = rows.get(row)[column];
        return v == null ? null : v.clone();
    }
}
