package io.walstream.codec;

import static io.walstream.codec.Wire.concat;
import static io.walstream.codec.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.walstream.CancelledException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancellation hands out every frame already buffered, then throws {@link CancelledException}. */
class FrameDecoderCancellationTest {

    @Test
    void cancelBeforeAnyReadThrowsWithoutReading() {
        ScriptedByteSource source = ScriptedByteSource.of(frame('d', "x"));
        FrameDecoder decoder = FrameDecoder.of(source);
        decoder.cancel();

        assertThrows(CancelledException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(0, source.reads());
    }

    @Test
    void bufferedFramesAreReturnedBeforeCancellation() {
        byte[] three = frame('d', "333");
        ScriptedByteSource source = ScriptedByteSource.of(
                concat(frame('d', "1"), frame('d', "2"), Arrays.copyOf(three, 6)), Arrays.copyOfRange(three, 6, 8));
        FrameDecoder decoder = FrameDecoder.of(source);

        assertEquals('1', decoder.next(Long.MAX_VALUE).payloadByte(0));
        decoder.cancel();

        assertEquals('2', decoder.next(Long.MAX_VALUE).payloadByte(0));
        CancelledException e = assertThrows(CancelledException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(1, source.reads(), "the partial frame is not completed after cancellation");
        assertEquals(true, e.getMessage().contains("offset 12"), e.getMessage());
    }

    @Test
    void framesHeldBackByTheBatchLimitAreReturnedBeforeCancellation() {
        ScriptedByteSource source = ScriptedByteSource.of(concat(frame('d', "1"), frame('d', "2"), frame('d', "3")));
        FrameDecoder decoder = FrameDecoder.builder(source).maxBatch(1).build();

        decoder.next(Long.MAX_VALUE);
        decoder.cancel();

        assertEquals('2', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertEquals('3', decoder.next(Long.MAX_VALUE).payloadByte(0));
        assertThrows(CancelledException.class, () -> decoder.next(Long.MAX_VALUE));
        assertEquals(1, source.reads());
    }

    @Test
    void cancelDuringABlockedReadStopsIt() {
        FrameDecoder[] holder = new FrameDecoder[1];
        ScriptedByteSource source = new ScriptedByteSource().timeout().action(() -> holder[0].cancel()).timeout();
        holder[0] = FrameDecoder.of(source);

        assertThrows(CancelledException.class, () -> holder[0].next(Long.MAX_VALUE));
        assertEquals(2, source.reads());
    }

    @Test
    void frameArrivingInTheCancellingReadIsStillReturned() {
        FrameDecoder[] holder = new FrameDecoder[1];
        ScriptedByteSource source = new ScriptedByteSource().action(() -> holder[0].cancel()).chunk(frame('d', "x"));
        holder[0] = FrameDecoder.of(source);

        assertEquals('x', holder[0].next(Long.MAX_VALUE).payloadByte(0));
        assertThrows(CancelledException.class, () -> holder[0].next(Long.MAX_VALUE));
    }

    @Test
    void cancelFromAnotherThreadWakesAnUnboundedRead() {
        ScriptedByteSource source = new ScriptedByteSource().idleWhenDone();
        FrameDecoder decoder = FrameDecoder.of(source);

        CompletableFuture<Void> canceller = CompletableFuture.runAsync(decoder::cancel,
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CancelledException.class, () -> decoder.next(Long.MAX_VALUE)));
        canceller.join();
        assertEquals(true, source.maxTimeoutNanos() <= TimeUnit.MILLISECONDS.toNanos(100),
                "an unbounded wait is split into slices so cancel is noticed: " + source.maxTimeoutNanos());
    }
}
