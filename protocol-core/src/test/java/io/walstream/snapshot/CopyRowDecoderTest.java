package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.ProtocolException;
import io.walstream.pgoutput.TupleData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRowDecoderTest {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private static byte[] binaryCopy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(ByteBuffer.allocate(8).putInt(0).putInt(0).array());
        // row 1: int4 42, NULL, text "hé"
        byte[] text = "hé".getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(2 + 8 + 4 + 4 + text.length).putShort((short) 3).putInt(4).putInt(42)
                .putInt(-1).putInt(text.length).put(text).array());
        // row 2: zero-length value, int4 7, NULL
        out.writeBytes(ByteBuffer.allocate(2 + 4 + 8 + 4).putShort((short) 3).putInt(0).putInt(4).putInt(7)
                .putInt(-1).array());
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff});
        return out.toByteArray();
    }

    private static List<TupleData> decode(CopyRowDecoder d, byte[] all, int... cuts) {
        List<TupleData> rows = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            d.decode(ByteBuffer.wrap(all, from, cut - from).slice().asReadOnlyBuffer(), rows::add);
            from = cut;
        }
        d.decode(ByteBuffer.wrap(all, from, all.length - from).slice().asReadOnlyBuffer(), rows::add);
        d.finish();
        return rows;
    }

    @Test
    void binaryRowsBecomeBinaryTuples() {
        List<TupleData> rows = decode(new BinaryCopyDecoder(), binaryCopy());
        assertEquals(2, rows.size());
        TupleData expected = TupleData.builder().binary(ByteBuffer.allocate(4).putInt(42).array()).nul()
                .binary("hé".getBytes(StandardCharsets.UTF_8)).build();
        assertEquals(expected, rows.get(0));
        assertEquals(TupleData.builder().binary(new byte[0]).binary(new byte[] {0, 0, 0, 7}).nul().build(),
                rows.get(1));
    }

    @Test
    void binaryRowsSplitAtEveryByteDecodeTheSame() {
        byte[] all = binaryCopy();
        List<TupleData> whole = decode(new BinaryCopyDecoder(), all);
        for (int cut = 1; cut < all.length; cut++) {
            assertEquals(whole, decode(new BinaryCopyDecoder(), all, cut), "cut at " + cut);
        }
        int[] everyByte = new int[all.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertEquals(whole, decode(new BinaryCopyDecoder(), all, everyByte));
    }

    @Test
    void binaryWithoutTrailerOrSignatureIsRefused() {
        byte[] all = binaryCopy();
        byte[] noTrailer = java.util.Arrays.copyOf(all, all.length - 2);
        ProtocolException e = assertThrows(ProtocolException.class, () -> decode(new BinaryCopyDecoder(), noTrailer));
        assertTrue(e.getMessage().contains("trailer"), e.getMessage());
        byte[] cutRow = java.util.Arrays.copyOf(all, all.length - 5);
        e = assertThrows(ProtocolException.class, () -> decode(new BinaryCopyDecoder(), cutRow));
        assertTrue(e.getMessage().contains("inside a row"), e.getMessage());
        byte[] bad = all.clone();
        bad[0] = 'X';
        e = assertThrows(ProtocolException.class, () -> decode(new BinaryCopyDecoder(), bad));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
        byte[] critical = all.clone();
        critical[SIGNATURE.length + 3] = 1;
        assertThrows(ProtocolException.class, () -> decode(new BinaryCopyDecoder(), critical));
    }

    @Test
    void textRowsAreUnescapedToOutputText() {
        byte[] all = ("1\t\\N\ta\\tb\\nc\\\\d\n"
                + "2\t\\\\N\t\\101\\x41\\q\n"
                + "\t\t\n").getBytes(StandardCharsets.UTF_8);
        List<TupleData> rows = decode(new TextCopyDecoder(), all);
        assertEquals(3, rows.size());
        assertEquals(TupleData.builder().text("1").nul().text("a\tb\nc\\d").build(), rows.get(0));
        assertEquals(TupleData.builder().text("2").text("\\N").text("AAq").build(), rows.get(1));
        assertEquals(TupleData.builder().text("").text("").text("").build(), rows.get(2));
        for (int cut = 1; cut < all.length; cut++) {
            assertEquals(rows, decode(new TextCopyDecoder(), all, cut), "cut at " + cut);
        }
    }

    @Test
    void textEndingInsideARowIsRefused() {
        byte[] all = "1\t2\n3\t".getBytes(StandardCharsets.UTF_8);
        ProtocolException e = assertThrows(ProtocolException.class, () -> decode(new TextCopyDecoder(), all));
        assertTrue(e.getMessage().contains("inside a row"), e.getMessage());
    }
}
