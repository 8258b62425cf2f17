package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.fields;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.ConnectionClosedException;
import io.walstream.ServerError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NoticeResponse ({@code N}) is consumed, counted and passed to the listener, never returned. */
class FrameDecoderNoticeTest {

    private static final byte[] NOTICE = frame('N', fields("SNOTICE", "VNOTICE", "C00000", "Mtest notice", "Pfoo"));

    @Test
    void noticeIsNotReturnedButPassedToTheListener() {
        List<ServerError> seen = new ArrayList<>();
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(concat(NOTICE, frame('d', "x"))))
                .noticeListener(seen::add)
                .build();

        Frame f = decoder.next(Long.MAX_VALUE);

        assertEquals('d', f.tag());
        assertEquals(1, seen.size());
        ServerError n = seen.get(0);
        assertEquals("NOTICE", n.severity());
        assertEquals("00000", n.sqlState());
        assertEquals("test notice", n.message());
        assertEquals(List.of('S', 'V', 'C', 'M', 'P'), List.copyOf(n.fields().keySet()));
        assertEquals("foo", n.field('P'));
        assertEquals(1, decoder.notices());
        assertEquals(1, decoder.framesDecoded());
    }

    @Test
    void noticesAloneAreNotFrames() {
        List<ServerError> seen = new ArrayList<>();
        byte[] warning = frame('N', fields("SWARNUNG", "VWARNING", "C01000", "Mcareful"));
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(concat(NOTICE, warning)))
                .noticeListener(seen::add)
                .build();

        assertThrows(ConnectionClosedException.class, () -> decoder.next(Long.MAX_VALUE));

        assertEquals(2, decoder.notices());
        assertEquals(List.of("NOTICE", "WARNING"), List.of(seen.get(0).severity(), seen.get(1).severity()));
        assertEquals(0, decoder.framesDecoded());
    }

    @Test
    void noticeWithoutListenerIsStillCounted() {
        FrameDecoder decoder = FrameDecoder.of(ScriptedByteSource.of(concat(NOTICE, frame('d', "x"))));

        assertEquals('d', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(1, decoder.notices());
    }

    @Test
    void throwingListenerDoesNotBreakDecoding() {
        FrameDecoder decoder = FrameDecoder.builder(ScriptedByteSource.of(concat(NOTICE, frame('d', "x"))))
                .noticeListener(n -> {
                    throw new IllegalStateException("listener bug");
                })
                .build();

        assertEquals('d', decoder.next(Long.MAX_VALUE).tag());
        assertEquals(1, decoder.notices());
        assertEquals(FrameDecoder.State.OPEN, decoder.state());
    }
}
