package io.walstream.codec;

import static io.walstream.codec.Wire.fields;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.codec.Wire.Decoded;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any sequence of frames, cut into any chunks, decodes to the same frames at the same offsets. */
class FrameDecoderChunkingPropertyTest {

    /** A generated message: tag and payload. {@code N} carries valid notice fields; {@code X} is unknown. */
    record Msg(char tag, byte[] payload) {
    }

    @Provide
    Arbitrary<List<Msg>> messages() {
        Arbitrary<Character> tags = Arbitraries.of('d', 'd', 'd', 'c', 'Z', 'S', 'T', 'D', 'N', 'X');
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Msg> msg = Combinators.combine(tags, payloads).as((t, p) ->
                new Msg(t, t == 'N' ? fields("SNOTICE", "C00000", "M" + p.length) : p));
        return msg.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void anyChunkingDecodesTheSameFrames(@ForAll("messages") List<Msg> messages,
                                         @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> cuts,
                                         @ForAll @IntRange(min = 64, max = 1024) int chunkSize) {
        check(messages, cuts, chunkSize, false);
    }

    /** The same through the cursor, which reuses its chunk in place: every frame read before it is overwritten. */
    @Property(tries = 300)
    void anyChunkingDecodesTheSameFramesThroughTheReusingCursor(
            @ForAll("messages") List<Msg> messages,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> cuts,
            @ForAll @IntRange(min = 64, max = 1024) int chunkSize) {
        check(messages, cuts, chunkSize, true);
    }

    private static List<Decoded> decodeAllThroughCursor(FrameDecoder decoder) {
        List<Decoded> out = new ArrayList<>();
        while (true) {
            int tag;
            try {
                tag = decoder.advance(Long.MAX_VALUE);
            } catch (io.walstream.ConnectionClosedException e) {
                return out;
            }
            byte[] a = decoder.currentArray();
            int from = decoder.currentOffset();
            out.add(new Decoded((char) tag, HexFormat.of().formatHex(a, from, from + decoder.currentLength()),
                    decoder.currentStreamOffset()));
        }
    }

    private static void check(List<Msg> messages, List<Integer> cuts, int chunkSize, boolean cursor) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Decoded> expected = new ArrayList<>();
        int notices = 0;
        int skipped = 0;
        for (Msg m : messages) {
            long offset = stream.size();
            stream.writeBytes(frame(m.tag(), m.payload()));
            if (m.tag() == 'N') {
                notices++;
            } else if (m.tag() == 'X') {
                skipped++;
            } else {
                expected.add(new Decoded(m.tag(), HexFormat.of().formatHex(m.payload()), offset));
            }
        }
        byte[] bytes = stream.toByteArray();

        ScriptedByteSource source = new ScriptedByteSource();
        int pos = 0;
        for (int i = 0; pos < bytes.length; i++) {
            int n = Math.min(cuts.get(i % cuts.size()), bytes.length - pos);
            source.chunk(Arrays.copyOfRange(bytes, pos, pos + n));
            pos += n;
        }
        FrameDecoder decoder = FrameDecoder.builder(source).chunkSize(chunkSize).build();

        assertEquals(expected, cursor ? decodeAllThroughCursor(decoder) : Wire.decodeAll(decoder));
        assertEquals(notices, decoder.notices());
        assertEquals(skipped, decoder.framesSkipped());
        assertEquals(bytes.length, decoder.bytesRead());
        assertEquals(bytes.length, decoder.offset());
    }
}
