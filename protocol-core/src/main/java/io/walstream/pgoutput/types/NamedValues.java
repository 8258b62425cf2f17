package io.walstream.pgoutput.types;

import java.util.List;

/**
 * A row's values reachable by column name, for mapping onto Java records.
 *
 * <p><b>Thread safety:</b> implementations are immutable views.
 */
public interface NamedValues {

    /** @return the column names in order */
    List<String> columnNames();

    /**
     * @param name a column name
     * @return its value, or {@code null} if the row has no such column
     */
    ValueSource value(String name);
}
