package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TupleWriterTest {

    @Test
    void buildsWhatTheBuilderBuildsAndWhatWrapAccepts() {
        TupleWriter w = new TupleWriter();
        w.begin(0);
        w.beginValue('t');
        w.append("4".getBytes(StandardCharsets.UTF_8), 0, 1);
        w.append((byte) '2');
        w.endValue();
        w.nul();
        w.beginValue('b');
        w.append(new byte[] {9, 1, 2, 9}, 1, 2);
        w.endValue();
        w.unchangedToast();
        w.beginValue('t');
        w.endValue(); // an empty value
        TupleData written = w.build();
        TupleData built = TupleData.builder().text("42").nul().binary(new byte[] {1, 2}).unchangedToast().text("")
                .build();
        assertEquals(built, written);
        byte[] raw = new byte[written.encodedLength()];
        written.raw().get(raw);
        assertEquals(written, TupleData.wrap(raw), "the layout is valid pgoutput TupleData");
        assertEquals("42", written.text(0));
        assertEquals(ColumnKind.UNCHANGED_TOAST, written.kind(3));
        assertEquals(0, written.length(4));
    }

    @Test
    void anExactSizeIsFilledAndHandedOverAndTheWriterIsReusable() {
        TupleWriter w = new TupleWriter();
        w.begin(2 + 1 + 5 + 3);
        w.nul();
        w.beginValue('b');
        w.append(new byte[] {1, 2, 3}, 0, 3);
        w.endValue();
        TupleData first = w.build();
        w.begin(0);
        w.beginValue('t');
        w.append((byte) 'x');
        w.endValue();
        TupleData second = w.build();
        assertEquals(TupleData.builder().nul().binary(new byte[] {1, 2, 3}).build(), first);
        assertEquals(TupleData.builder().text("x").build(), second);
        assertEquals(TupleData.builder().nul().binary(new byte[] {1, 2, 3}).build(), first, "not overwritten");

        w.begin(2 + 1);
        assertThrows(IllegalStateException.class, () -> w.build(), "the exact size is not filled");
        w.begin(2 + 1);
        w.nul();
        assertThrows(IllegalStateException.class, w::nul, "the row outgrows its exact size");
    }

    @Test
    void misuseIsRefusedSoNoInvalidTupleCanBeBuilt() {
        TupleWriter w = new TupleWriter();
        assertThrows(IllegalStateException.class, w::nul, "no row begun");
        assertThrows(IllegalStateException.class, w::build, "no row begun");
        w.begin(0);
        assertThrows(IllegalStateException.class, () -> w.append((byte) 1), "no value open");
        assertThrows(IllegalArgumentException.class, () -> w.beginValue('z'));
        w.beginValue('t');
        assertThrows(IllegalStateException.class, w::nul, "a value is open");
        assertThrows(IllegalStateException.class, w::build, "a value is open");
        w.endValue();
        assertThrows(IllegalStateException.class, w::endValue, "no value open");
        assertEquals(TupleData.builder().text("").build(), w.build());
        assertThrows(IllegalStateException.class, w::build, "built once per begin");
        assertThrows(IllegalArgumentException.class, () -> w.begin(1));
        w.begin(0);
        for (int i = 0; i < 0xffff; i++) {
            w.nul();
        }
        assertThrows(IllegalStateException.class, w::nul, "at most 65535 columns");
        assertEquals(0xffff, w.build().size());
    }

    @Property(tries = 200)
    void agreesWithTheBuilderOnRandomRows(@ForAll long seed, @ForAll @Size(max = 40) byte[] kinds) {
        Random rnd = new Random(seed);
        TupleWriter w = new TupleWriter();
        TupleData.Builder b = TupleData.builder();
        w.begin(0);
        for (byte k : kinds) {
            switch (Math.floorMod(k, 4)) {
                case 0 -> {
                    w.nul();
                    b.nul();
                }
                case 1 -> {
                    w.unchangedToast();
                    b.unchangedToast();
                }
                default -> {
                    byte[] v = new byte[rnd.nextInt(600)];
                    rnd.nextBytes(v);
                    boolean text = Math.floorMod(k, 4) == 2;
                    w.beginValue(text ? 't' : 'b');
                    int split = v.length == 0 ? 0 : rnd.nextInt(v.length);
                    w.append(v, 0, split);
                    for (int i = split; i < v.length; i++) {
                        w.append(v[i]);
                    }
                    w.endValue();
                    if (text) {
                        b.text(v);
                    } else {
                        b.binary(v);
                    }
                }
            }
        }
        TupleData written = w.build();
        assertEquals(b.build(), written);
        byte[] raw = new byte[written.encodedLength()];
        written.raw().get(raw);
        assertEquals(written, TupleData.wrap(raw));
    }
}
