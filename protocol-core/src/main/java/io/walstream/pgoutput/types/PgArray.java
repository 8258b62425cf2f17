package io.walstream.pgoutput.types;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An array value of any number of dimensions, as an unmodifiable {@link List}: the elements of its first
 * dimension, each a Java value of the element type ({@code null} for SQL NULL) or, for a multi-dimensional
 * array, a {@code PgArray} of one dimension less. Lower bounds other than 1 ({@code [0:2]={7,8,9}}) are kept:
 * {@link #lowerBound()} for this dimension, and on each nested array for the next.
 *
 * <p>{@link #equals} and {@link #hashCode} follow the {@link List} contract (elements only); compare
 * {@link #lowerBound()} or {@link #toString()} (PostgreSQL's text, which shows non-default bounds) when bounds
 * matter. An empty array ({@code {}}) has zero dimensions.
 *
 * <p><b>Thread safety:</b> immutable if the elements are.
 */
public final class PgArray extends AbstractList<Object> implements RandomAccess {
    private final List<Object> items;
    private final int lowerBound;
    private final int dimensions;
    private final String text;

    PgArray(List<Object> items, int lowerBound, int dimensions, String text) {
        this.items = items;
        this.lowerBound = lowerBound;
        this.dimensions = dimensions;
        this.text = text;
    }

    PgArray withText(String t) {
        return new PgArray(items, lowerBound, dimensions, t);
    }

    /** @return the lower bound of the first dimension (PostgreSQL's default is 1) */
    public int lowerBound() {
        return lowerBound;
    }

    /** @return the upper bound of the first dimension: {@code lowerBound() + size() - 1} */
    public int upperBound() {
        return lowerBound + items.size() - 1;
    }

    /** @return the number of dimensions, 0 for an empty array */
    public int dimensions() {
        return dimensions;
    }

    /**
     * @param index a 0-based index into the first dimension (not the PostgreSQL subscript)
     * @return the element or nested array
     */
    @Override
    public Object get(int index) {
        return items.get(index);
    }

    /**
     * @param subscript a PostgreSQL subscript of the first dimension, from {@link #lowerBound()}
     * @return the element or nested array at that subscript
     * @throws IndexOutOfBoundsException if outside the bounds
     */
    public Object at(int subscript) {
        return items.get(subscript - lowerBound);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** @return PostgreSQL's text form, e.g. {@code {1,NULL,3}}, {@code [0:2]={7,8,9}}, {@code {{1,2},{3,4}}} */
    @Override
    public String toString() {
        return text != null ? text : super.toString();
    }
}
