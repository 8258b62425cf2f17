package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A tuple decoded from an array range (the delivery loop's form), from a buffer, wide (300 columns) or of 64 KiB
 * and more reads, compares and describes exactly like the tuple built column by column, also after the decoder
 * decoded further tuples.
 */
class TupleDecodeFormsTest {

    private static byte[] insertOf(TupleData t) {
        byte[] tuple = new byte[t.encodedLength()];
        t.raw().get(tuple);
        return Bytes.tag('I').i32(16384).u8('N').raw(tuple).array();
    }

    /** The payload in the middle of a larger array with other bytes after it, as in a read buffer. */
    private static TupleData decodedFromRange(PgOutputDecoder d, byte[] payload) {
        byte[] a = new byte[payload.length + 40];
        Arrays.fill(a, (byte) 'z');
        System.arraycopy(payload, 0, a, 5, payload.length);
        return ((Insert) d.decode(a, 5, payload.length)).newTuple();
    }

    private static void assertSameTuple(TupleData expected, TupleData actual) {
        assertEquals(expected, actual);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(expected.describe(), actual.describe());
        assertEquals(expected.encodedLength(), actual.encodedLength());
        assertEquals(expected.raw(), actual.raw());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.kind(i), actual.kind(i), "kind " + i);
            assertEquals(expected.length(i), actual.length(i), "length " + i);
            if (expected.kind(i).hasData()) {
                assertArrayEquals(expected.bytes(i), actual.bytes(i), "bytes " + i);
                assertEquals(expected.data(i), actual.data(i), "data " + i);
                assertEquals(expected.text(i), actual.text(i), "text " + i);
                assertEquals(expected.valueIndex(i) - expected.offset(i), actual.valueIndex(i) - actual.offset(i));
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> actual.kind(expected.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> actual.length(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> actual.text(expected.size()));
    }

    @Test
    void narrowTuplesFromAnArrayRangeReadLikeBuiltOnes() {
        TupleData built = TupleData.builder().text("42").nul().text("h\u00e9").unchangedToast()
                .binary(new byte[] {1, 2}).text("").build();
        PgOutputDecoder d = new PgOutputDecoder(1);
        byte[] payload = insertOf(built);
        TupleData first = decodedFromRange(d, payload);
        TupleData second = decodedFromRange(d, payload);
        assertSameTuple(built, first);
        assertSameTuple(built, second);
        assertSameTuple(built, first); // not changed by the second decode
        assertSameTuple(built, ((Insert) d.decode(payload)).newTuple());
        assertSameTuple(built, ((Insert) d.decode(ByteBuffer.wrap(payload).asReadOnlyBuffer())).newTuple());
        ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();
        assertSameTuple(built, ((Insert) d.decode(direct)).newTuple());
    }

    @Test
    void wideAndNarrowTuplesInTurnStayIntact() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        TupleData.Builder wide = TupleData.builder();
        for (int i = 0; i < 300; i++) {
            if (i % 7 == 3) {
                wide.nul();
            } else {
                wide.text("c" + i);
            }
        }
        TupleData built = wide.build();
        TupleData narrow = TupleData.builder().text("a").text("bb").build();
        TupleData w1 = decodedFromRange(d, insertOf(built));
        TupleData n1 = decodedFromRange(d, insertOf(narrow));
        TupleData w2 = decodedFromRange(d, insertOf(built));
        TupleData n2 = decodedFromRange(d, insertOf(narrow));
        assertSameTuple(built, w1);
        assertSameTuple(built, w2);
        assertSameTuple(narrow, n1);
        assertSameTuple(narrow, n2);
        assertEquals("c299", w1.text(299));
    }

    @Test
    void aTupleOf64KiBOrMoreReadsAllItsColumns() {
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'x');
        TupleData built = TupleData.builder().text("first").text(big).text("after the big one").nul().build();
        TupleData decoded = decodedFromRange(new PgOutputDecoder(1), insertOf(built));
        assertSameTuple(built, decoded);
        assertEquals("after the big one", decoded.text(2)); // a position above 65535
    }
}
