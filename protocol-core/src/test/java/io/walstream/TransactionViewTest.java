package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One transaction view per stream, made once with the options of the first request. */
class TransactionViewTest {

    private final AtomicInteger made = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TransactionStream stream = mock(TransactionStream.class);
    private final TransactionView view = new TransactionView(o -> {
        made.incrementAndGet();
        when(stream.options()).thenReturn(o);
        return stream;
    }, closed::get);

    @Test
    void madeOnceWithTheDefaultsAndReturnedAgain() {
        assertSame(stream, view.get());
        assertSame(stream, view.get());
        assertSame(stream, view.get(TransactionOptions.defaults()));
        assertEquals(1, made.get());
        verify(stream, never()).discardAll();
    }

    @Test
    void otherOptionsAfterwardsAreRefused() {
        view.get();
        TransactionOptions other = TransactionOptions.defaults().withMemoryBudget(1 << 20);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.get(other));
        assertTrue(e.getMessage().startsWith("The transaction view of this stream already exists with "),
                e.getMessage());
    }

    @Test
    void aViewMadeAfterCloseStartsDiscardedAndDiscardReachesIt() {
        view.discard(); // nothing yet: nothing to do
        closed.set(true);
        view.get();
        verify(stream).discardAll();
    }

    @Test
    void aRefusedClaimMakesNoView() {
        TransactionView refusing = new TransactionView(o -> {
            throw new IllegalStateException("already consumed");
        }, closed::get);
        assertThrows(IllegalStateException.class, refusing::get);
        assertThrows(IllegalStateException.class, refusing::get);
    }
}
