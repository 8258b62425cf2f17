package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TupleDataWrapTest {

    @Test
    void wrapsWhatTheBuilderBuilds() {
        TupleData built = TupleData.builder().text("42").nul().binary(new byte[] {1, 2}).unchangedToast().build();
        byte[] raw = new byte[built.encodedLength()];
        built.raw().get(raw);
        TupleData wrapped = TupleData.wrap(raw);
        assertEquals(built, wrapped);
        assertEquals("42", wrapped.text(0));
        assertEquals(ColumnKind.BINARY, wrapped.kind(2));
    }

    @Test
    void textReadsDataColumnsAndRefusesTheOthersAndBadIndexes() {
        TupleData t = TupleData.builder().text("").nul().text("h\u00e9llo \u20ac").unchangedToast()
                .binary(new byte[] {'o', 'k'}).build();
        assertEquals("", t.text(0));
        assertEquals("h\u00e9llo \u20ac", t.text(2));
        assertEquals("ok", t.text(4));
        IllegalStateException nul = assertThrows(IllegalStateException.class, () -> t.text(1));
        assertTrue(nul.getMessage().contains("Column 1 is NULL"), nul.getMessage());
        assertThrows(IllegalStateException.class, () -> t.text(3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.text(5));
        assertThrows(IndexOutOfBoundsException.class, () -> t.text(-1));
    }

    @Test
    void refusesTrailingBytesAndBrokenLayouts() {
        TupleData built = TupleData.builder().text("x").build();
        byte[] raw = new byte[built.encodedLength()];
        built.raw().get(raw);
        assertThrows(ProtocolException.class, () -> TupleData.wrap(Arrays.copyOf(raw, raw.length + 1)));
        assertThrows(ProtocolException.class, () -> TupleData.wrap(Arrays.copyOf(raw, raw.length - 1)));
        byte[] badKind = ByteBuffer.allocate(3).putShort((short) 1).put((byte) 'z').array();
        assertThrows(ProtocolException.class, () -> TupleData.wrap(badKind));
    }
}
