package io.walstream.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the small results of {@code identify} and {@code slot}: as aligned {@code key: value} lines or a table,
 * or ({@code --format json}) as one JSON object per line.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Report {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Report() {
    }

    /** Prints one record: {@code key: value} lines, or one JSON object. */
    static void record(PrintStream out, Map<String, Object> values, boolean json) {
        if (json) {
            out.println(toJson(values));
            return;
        }
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        values.forEach((k, v) -> out.println(String.format("%-" + width + "s  %s", k + ":", v == null ? "" : v)));
    }

    /** Prints rows: a table with a header, or one JSON object per row. */
    static void table(PrintStream out, List<Map<String, Object>> rows, List<String> columns, boolean json) {
        if (json) {
            rows.forEach(r -> out.println(toJson(r)));
            return;
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (Map<String, Object> r : rows) {
                widths[i] = Math.max(widths[i], String.valueOf(text(r.get(columns.get(i)))).length());
            }
        }
        out.println(line(columns, widths));
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(text(r.get(c)));
            }
            out.println(line(cells, widths));
        }
        if (rows.isEmpty()) {
            out.println("(no rows)");
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(String.format("%-" + widths[i] + "s", cells.get(i)));
            if (i + 1 < cells.size()) {
                sb.append("  ");
            }
        }
        return sb.toString().stripTrailing();
    }

    static String toJson(Map<String, Object> values) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : values.entrySet()) {
                Object v = e.getValue();
                g.writeFieldName(e.getKey());
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v instanceof Integer || v instanceof Long) {
                    g.writeNumber(((Number) v).longValue());
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
