package io.walstream.pgoutput.types;

import java.util.List;

/**
 * The geometric types, one record each, with coordinates as {@code double} (PostgreSQL's {@code float8}).
 * Each record's {@code toString()} prints the value as PostgreSQL does.
 *
 * <pre>
 * point    Point(x, y)                  (1,2)
 * line     Line(a, b, c): ax+by+c=0     {1,2,3}
 * lseg     Lseg(p1, p2)                 [(1,2),(3,4)]
 * box      Box(high, low)               (3,4),(1,2)      upper-right corner first
 * path     Path(closed, points)         ((1,2),(3,4)) closed, [(1,2),(3,4)] open
 * polygon  Polygon(points)              ((1,2),(3,4))
 * circle   Circle(center, radius)       &lt;(1,2),3&gt;
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 */
public sealed interface PgGeometry {

    /**
     * A {@code point}.
     *
     * @param x the x coordinate
     * @param y the y coordinate
     */
    record Point(double x, double y) implements PgGeometry {
        /** @return {@code (x,y)} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            append(sb);
            return sb.toString();
        }

        void append(StringBuilder sb) {
            sb.append('(');
            FloatText.formatDouble(x, sb);
            sb.append(',');
            FloatText.formatDouble(y, sb);
            sb.append(')');
        }
    }

    /**
     * A {@code line}: {@code a·x + b·y + c = 0}.
     *
     * @param a the x coefficient
     * @param b the y coefficient
     * @param c the constant
     */
    record Line(double a, double b, double c) implements PgGeometry {
        /** @return {@code {a,b,c}} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            FloatText.formatDouble(a, sb);
            sb.append(',');
            FloatText.formatDouble(b, sb);
            sb.append(',');
            FloatText.formatDouble(c, sb);
            return sb.append('}').toString();
        }
    }

    /**
     * An {@code lseg}: a line segment.
     *
     * @param start one end
     * @param end the other end
     */
    record Lseg(Point start, Point end) implements PgGeometry {
        /** @return {@code [(x1,y1),(x2,y2)]} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            start.append(sb);
            sb.append(',');
            end.append(sb);
            return sb.append(']').toString();
        }
    }

    /**
     * A {@code box}, stored by PostgreSQL with the upper-right corner first.
     *
     * @param high the upper-right corner
     * @param low the lower-left corner
     */
    record Box(Point high, Point low) implements PgGeometry {
        /** @return {@code (hx,hy),(lx,ly)} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            high.append(sb);
            sb.append(',');
            low.append(sb);
            return sb.toString();
        }
    }

    /**
     * A {@code path}.
     *
     * @param closed whether the path is closed
     * @param points the points, in order
     */
    record Path(boolean closed, List<Point> points) implements PgGeometry {
        /** Copies the list. */
        public Path {
            points = List.copyOf(points);
        }

        /** @return {@code ((x,y),...)} if closed, {@code [(x,y),...]} if open */
        @Override
        public String toString() {
            return PgGeometry.points(new StringBuilder().append(closed ? '(' : '['), points).append(closed ? ')' : ']')
                    .toString();
        }
    }

    /**
     * A {@code polygon}.
     *
     * @param points the vertices, in order
     */
    record Polygon(List<Point> points) implements PgGeometry {
        /** Copies the list. */
        public Polygon {
            points = List.copyOf(points);
        }

        /** @return {@code ((x,y),...)} */
        @Override
        public String toString() {
            return PgGeometry.points(new StringBuilder("("), points).append(')').toString();
        }
    }

    /**
     * A {@code circle}.
     *
     * @param center the center
     * @param radius the radius
     */
    record Circle(Point center, double radius) implements PgGeometry {
        /** @return {@code <(x,y),r>} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("<");
            center.append(sb);
            sb.append(',');
            FloatText.formatDouble(radius, sb);
            return sb.append('>').toString();
        }
    }

    private static StringBuilder points(StringBuilder sb, List<Point> points) {
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            points.get(i).append(sb);
        }
        return sb;
    }
}
