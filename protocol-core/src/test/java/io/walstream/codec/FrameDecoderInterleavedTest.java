package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.fields;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.codec.Wire.Decoded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CopyData, notices, CopyDone and unknown tags mixed in one read come out in order, minus the skipped ones. */
class FrameDecoderInterleavedTest {

    @Test
    void interleavedTypesAreHandledInStreamOrder() {
        byte[] a = frame('d', "a");
        byte[] notice = frame('N', fields("SINFO", "C00000", "Minfo"));
        byte[] b = frame('d', "b");
        byte[] done = frame('c', new byte[0]);
        byte[] c = frame('d', "c");
        byte[] unknown = frame('X', "zz");
        byte[] d = frame('d', "d");
        byte[] stream = concat(a, notice, b, done, c, unknown, d);
        ScriptedByteSource source = ScriptedByteSource.of(stream);
        FrameDecoder decoder = FrameDecoder.of(source);

        List<Decoded> got = Wire.decodeAll(decoder);

        long offB = a.length + notice.length;
        long offDone = offB + b.length;
        long offC = offDone + done.length;
        long offD = offC + c.length + unknown.length;
        assertEquals(List.of(
                new Decoded('d', "61", 0),
                new Decoded('d', "62", offB),
                new Decoded('c', "", offDone),
                new Decoded('d', "63", offC),
                new Decoded('d', "64", offD)), got);
        assertTrue(decoder.copyDoneReceived());
        assertEquals(1, decoder.notices());
        assertEquals(1, decoder.framesSkipped());
        assertEquals(5, decoder.framesDecoded());
        assertEquals(stream.length, decoder.bytesRead());
        assertEquals(2, source.reads(), "one read for all bytes, one for end of stream");
    }
}
