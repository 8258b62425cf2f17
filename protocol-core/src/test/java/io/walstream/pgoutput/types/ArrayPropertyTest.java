package io.walstream.pgoutput.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arrays of one to three dimensions with any lower bounds and NULLs: the binary form (array_send layout, built
 * here) and the text the codec prints for it decode to the same {@link PgArray}, with the same bounds, and
 * elements in row-major order as generated.
 */
class ArrayPropertyTest {

    record Shape(int[] sizes, int[] lowers, List<String> elements) {
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.integers().between(1, 3).flatMap(ndim -> Combinators.combine(
                Arbitraries.integers().between(1, 3).array(int[].class).ofSize(ndim),
                Arbitraries.integers().between(-3, 3).array(int[].class).ofSize(ndim),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6).injectNull(0.2).list().ofSize(27))
                .as((sizes, lowers, pool) -> {
                    int n = 1;
                    for (int s : sizes) {
                        n *= s;
                    }
                    return new Shape(sizes, lowers, new ArrayList<>(pool.subList(0, n)));
                }));
    }

    @Property
    void binaryAndPrintedTextAgree(@ForAll("shapes") Shape shape) {
        int total = shape.elements().size();
        ByteBuffer b = ByteBuffer.allocate(12 + 8 * shape.sizes().length + total * 4 + total * 6 * 4);
        b.putInt(shape.sizes().length).putInt(shape.elements().contains(null) ? 1 : 0).putInt(BuiltinTypes.TEXT);
        for (int d = 0; d < shape.sizes().length; d++) {
            b.putInt(shape.sizes()[d]).putInt(shape.lowers()[d]);
        }
        for (String e : shape.elements()) {
            if (e == null) {
                b.putInt(-1);
            } else {
                byte[] bytes = e.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                b.putInt(bytes.length).put(bytes);
            }
        }
        byte[] wire = java.util.Arrays.copyOf(b.array(), b.position());
        PgArray fromBinary = ValueDecoder.toArray(TestValue.binary(BuiltinTypes.TEXT_ARRAY, wire));
        String text = ValueDecoder.toText(TestValue.binary(BuiltinTypes.TEXT_ARRAY, wire));
        PgArray fromText = ValueDecoder.toArray(TestValue.text(BuiltinTypes.TEXT_ARRAY, text));
        assertEquals(fromBinary, fromText, text);
        assertEquals(text, fromText.toString());
        assertEquals(shape.sizes().length, fromText.dimensions());
        List<Object> flat = new ArrayList<>();
        flatten(fromText, flat, shape.lowers(), 0);
        assertEquals(shape.elements(), flat, text);
        boolean defaultBounds = java.util.Arrays.stream(shape.lowers()).allMatch(l -> l == 1);
        assertTrue(defaultBounds != text.startsWith("["), text);
    }

    private static void flatten(PgArray a, List<Object> out, int[] lowers, int dim) {
        assertEquals(lowers[dim], a.lowerBound());
        for (Object o : a) {
            if (dim + 1 < lowers.length) {
                flatten((PgArray) o, out, lowers, dim + 1);
            } else {
                out.add(o);
            }
        }
    }
}
