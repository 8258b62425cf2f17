package io.walstream.pgoutput.types;

import io.walstream.pgoutput.types.PgGeometry.Box;
import io.walstream.pgoutput.types.PgGeometry.Circle;
import io.walstream.pgoutput.types.PgGeometry.Line;
import io.walstream.pgoutput.types.PgGeometry.Lseg;
import io.walstream.pgoutput.types.PgGeometry.Path;
import io.walstream.pgoutput.types.PgGeometry.Point;
import io.walstream.pgoutput.types.PgGeometry.Polygon;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Codecs of the geometric types ({@link PgGeometry}): text is read as its sequence of numbers, binary as the
 * send functions' {@code float8} fields ({@code path}: closed byte and point count; {@code polygon}: point
 * count). Stateless.
 */
final class GeometricTypes {

    private GeometricTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.POINT, SimpleCodec.of(Point.class, t -> {
            double[] n = numbers(t, 2);
            return new Point(n[0], n[1]);
        }, GeometricTypes::point));
        codecs.put(BuiltinTypes.LINE, SimpleCodec.of(Line.class, t -> {
            double[] n = numbers(t, 3);
            return new Line(n[0], n[1], n[2]);
        }, b -> new Line(b.getDouble(), b.getDouble(), b.getDouble())));
        codecs.put(BuiltinTypes.LSEG, SimpleCodec.of(Lseg.class, t -> {
            double[] n = numbers(t, 4);
            return new Lseg(new Point(n[0], n[1]), new Point(n[2], n[3]));
        }, b -> new Lseg(point(b), point(b))));
        codecs.put(BuiltinTypes.BOX, new SimpleCodec(Box.class, t -> {
            double[] n = numbers(t, 4);
            return new Box(new Point(n[0], n[1]), new Point(n[2], n[3]));
        }, b -> new Box(point(b), point(b)), (v, sb) -> sb.append(v)) {
            @Override
            char arrayDelimiter() {
                return ';';
            }
        });
        codecs.put(BuiltinTypes.PATH, SimpleCodec.of(Path.class,
                t -> new Path(!t.trim().startsWith("["), points(numbers(t, -1))), b -> {
                    boolean closed = b.get() != 0;
                    return new Path(closed, points(b));
                }));
        codecs.put(BuiltinTypes.POLYGON, SimpleCodec.of(Polygon.class, t -> new Polygon(points(numbers(t, -1))),
                b -> new Polygon(points(b))));
        codecs.put(BuiltinTypes.CIRCLE, SimpleCodec.of(Circle.class, t -> {
            double[] n = numbers(t, 3);
            return new Circle(new Point(n[0], n[1]), n[2]);
        }, b -> new Circle(point(b), b.getDouble())));
    }

    private static Point point(ByteBuffer b) {
        return new Point(b.getDouble(), b.getDouble());
    }

    private static List<Point> points(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 16) {
            throw new IllegalArgumentException("bad point count " + n);
        }
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(point(b));
        }
        return out;
    }

    private static List<Point> points(double[] n) {
        if (n.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of coordinates");
        }
        List<Point> out = new ArrayList<>(n.length / 2);
        for (int i = 0; i < n.length; i += 2) {
            out.add(new Point(n[i], n[i + 1]));
        }
        return out;
    }

    /** @return the numbers of the text, which must be {@code expected} many unless that is negative */
    static double[] numbers(String text, int expected) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean sep = c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '<'
                    || c == '>' || c == ',' || Character.isWhitespace(c);
            if (sep) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (expected >= 0 && tokens.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " numbers, found " + tokens.size());
        }
        double[] out = new double[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(NumberTypes.floatText(tokens.get(i)));
        }
        return out;
    }
}
