package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One way of consuming per stream: the first family claims it, the callback runs once, others are refused. */
class ConsumerClaimTest {

    private final List<ConsumerClaim.Mode> first = new ArrayList<>();
    private final ConsumerClaim claim = new ConsumerClaim(first::add);

    @Test
    void theFirstClaimWinsAndIsRepeatable() {
        claim.claim(ConsumerClaim.Mode.EVENTS, false);
        claim.claim(ConsumerClaim.Mode.EVENTS, false);
        assertEquals(List.of(ConsumerClaim.Mode.EVENTS), first, "the callback runs once");
    }

    @Test
    void anotherFamilyIsRefusedNamingBoth() {
        claim.claim(ConsumerClaim.Mode.RAW, false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> claim.claim(ConsumerClaim.Mode.TRANSACTIONS, true));
        assertEquals("This stream is already consumed with nextRaw/forEachRaw; "
                + "nextTransaction/forEachTransaction/transactions() cannot be used as well (one way of consuming per "
                + "stream)", e.getMessage());
        assertEquals(List.of(ConsumerClaim.Mode.RAW), first);
    }

    @Test
    void aSecondSubscriberIsRefusedAsMulticast() {
        claim.claim(ConsumerClaim.Mode.PUBLISHER, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> claim.claim(ConsumerClaim.Mode.PUBLISHER, true));
        assertTrue(e.getMessage().contains("does not support multicast"), e.getMessage());
    }

    @Test
    void racingClaimsLetExactlyOneFamilyWin() throws Exception {
        ConsumerClaim.Mode[] modes = ConsumerClaim.Mode.values();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ConsumerClaim.Mode m : modes) {
            Thread t = new Thread(() -> {
                try {
                    claim.claim(m, false);
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            });
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, first.size());
        assertEquals(modes.length - 1, refused.size());
    }
}
