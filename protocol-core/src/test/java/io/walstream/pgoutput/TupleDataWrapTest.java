package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
