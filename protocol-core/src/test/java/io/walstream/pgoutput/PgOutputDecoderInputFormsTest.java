package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.MalformedFrameException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The decoder gives the same message whatever holds the payload: an array range, a heap buffer, a read-only
 * buffer (decoded from the reader's own copy, whose tuple is then shared) or a direct buffer.
 */
class PgOutputDecoderInputFormsTest {

    private static final byte[] INSERT = Samples.newTupleBytes(Bytes.tag('I').i32(16384).u8('N')).array();

    private static byte[] padded(byte[] payload) {
        byte[] a = new byte[payload.length + 7];
        System.arraycopy(payload, 0, a, 3, payload.length);
        a[0] = 'x';
        a[a.length - 1] = 'y';
        return a;
    }

    @Test
    void everyFormDecodesToTheSameInsert() {
        Insert expected = new Insert(16384, Samples.newTuple());
        PgOutputDecoder d = new PgOutputDecoder(1);
        ByteBuffer direct = ByteBuffer.allocateDirect(INSERT.length).put(INSERT).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(padded(INSERT), 3, INSERT.length).slice().asReadOnlyBuffer();

        assertEquals(expected, d.decode(INSERT));
        assertEquals(expected, d.decode(padded(INSERT), 3, INSERT.length));
        assertEquals(expected, d.decode(ByteBuffer.wrap(padded(INSERT), 3, INSERT.length)));
        assertEquals(expected, d.decode(readOnly));
        assertEquals(expected, d.decode(direct));
        assertEquals(0, readOnly.position(), "the caller's buffer position does not move");
        assertEquals(0, direct.position());
    }

    @Test
    void aTupleSharingTheDecodersCopyBehavesLikeAnOwnedOne() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        TupleData owned = Samples.newTuple();
        TupleData shared = ((Insert) d.decode(ByteBuffer.wrap(INSERT).asReadOnlyBuffer())).newTuple();

        assertEquals(owned, shared);
        assertEquals(owned.hashCode(), shared.hashCode());
        assertEquals(owned.describe(), shared.describe());
        assertEquals(owned.encodedLength(), shared.encodedLength());
        assertEquals(owned.raw(), shared.raw());
        assertEquals(2, shared.length(0));
        assertEquals(-1, shared.length(1));
        assertEquals("42", shared.text(0));
        assertArrayEquals(new byte[] {1, 2}, shared.bytes(3));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), shared.data(3));
    }

    @Test
    void aColumnRunningPastTheEndIsMalformedInEveryForm() {
        byte[] cut = java.util.Arrays.copyOf(INSERT, INSERT.length - 1);
        PgOutputDecoder d = new PgOutputDecoder(1);
        MalformedFrameException a = assertThrows(MalformedFrameException.class, () -> d.decode(cut));
        MalformedFrameException b = assertThrows(MalformedFrameException.class,
                () -> d.decode(ByteBuffer.wrap(cut).asReadOnlyBuffer()));
        assertEquals(a.getMessage(), b.getMessage());
    }
}
