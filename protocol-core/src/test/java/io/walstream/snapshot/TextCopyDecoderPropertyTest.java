package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.pgoutput.TupleData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any rows, written in COPY text format with every escape spelling the format allows (and some bytes left
 * unescaped), come back as the same text tuples however the stream is cut into CopyData payloads.
 */
class TextCopyDecoderPropertyTest {

    @Property(tries = 300)
    void anyRowsAnyEscapesAnyCuts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int rowCount) {
        Random random = new Random(seed);
        List<TupleData> expected = new ArrayList<>();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        for (int r = 0; r < rowCount; r++) {
            int columns = 1 + random.nextInt(6);
            TupleData.Builder tuple = TupleData.builder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    copy.write('\t');
                }
                if (random.nextInt(8) == 0) {
                    copy.writeBytes(new byte[] {'\\', 'N'});
                    tuple.nul();
                    continue;
                }
                byte[] value = new byte[random.nextInt(random.nextBoolean() ? 4 : 200)];
                for (int i = 0; i < value.length; i++) {
                    value[i] = random.nextInt(3) == 0 ? (byte) "\\\t\n\r\b\f\u000bNx7".charAt(random.nextInt(10))
                            : (byte) random.nextInt(256);
                    if (value[i] == 0) {
                        value[i] = 'z'; // text values hold no NUL
                    }
                    escape(value[i], copy, random);
                }
                tuple.text(value);
            }
            copy.write('\n');
            expected.add(tuple.build());
        }
        byte[] all = copy.toByteArray();
        TextCopyDecoder decoder = new TextCopyDecoder();
        List<TupleData> rows = new ArrayList<>();
        int from = 0;
        while (from < all.length) {
            int to = Math.min(all.length, from + 1 + random.nextInt(random.nextBoolean() ? 3 : 300));
            decoder.decode(ByteBuffer.wrap(all, from, to - from).slice().asReadOnlyBuffer(), rows::add);
            from = to;
        }
        decoder.finish();
        assertEquals(expected, rows);
    }

    private static void escape(byte b, ByteArrayOutputStream out, Random random) {
        int how = random.nextInt(6);
        if (how == 0) { // octal, one to three digits where the next byte cannot extend it
            out.writeBytes(String.format("\\%03o", b & 0xff).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        if (how == 1) {
            out.writeBytes(String.format("\\x%02x", b & 0xff).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        switch (b) {
            case '\\':
                out.writeBytes(new byte[] {'\\', '\\'});
                return;
            case '\t':
                out.writeBytes(new byte[] {'\\', 't'});
                return;
            case '\n':
                out.writeBytes(new byte[] {'\\', 'n'});
                return;
            case '\r':
                out.writeBytes(new byte[] {'\\', 'r'});
                return;
            case '\b':
                out.writeBytes(new byte[] {'\\', 'b'});
                return;
            case '\f':
                out.writeBytes(new byte[] {'\\', 'f'});
                return;
            case 0x0b:
                out.writeBytes(new byte[] {'\\', 'v'});
                return;
            default:
                if (how == 2 && b == 'z') { // not N (alone it is NULL), x or digits (escapes)
                    out.writeBytes(new byte[] {'\\', b}); // an escaped ordinary character is that character
                    return;
                }
                out.write(b);
        }
    }
}
