package io.walstream;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Which family of consuming APIs a {@link LogicalReplicationStream} is consumed with: the first family used claims
 * the stream, and any other one afterwards is refused — one way of consuming per stream.
 *
 * <p><b>Thread safety:</b> thread-safe (one compare-and-set on the first claim; a volatile read afterwards).
 */
final class ConsumerClaim {

    /** The consumption families. */
    enum Mode {
        EVENTS("next/forEach"), RAW("nextRaw/forEachRaw"), PUBLISHER("publisher()"),
        TRANSACTIONS("nextTransaction/forEachTransaction/transactions()");

        private final String api;

        Mode(String api) {
            this.api = api;
        }

        /** @return the consuming API's name, as error messages print it */
        String api() {
            return api;
        }
    }

    private final AtomicReference<Mode> claimed = new AtomicReference<>();
    private final Consumer<Mode> onFirstClaim;

    /** @param onFirstClaim runs once, on the thread of the claim that won, with the mode claimed */
    ConsumerClaim(Consumer<Mode> onFirstClaim) {
        this.onFirstClaim = onFirstClaim;
    }

    /**
     * @param mode the family the caller belongs to
     * @param exclusive whether the mode may be claimed once only (a publisher's single subscriber)
     * @throws IllegalStateException if another mode (or, when exclusive, any mode) was claimed before
     */
    void claim(Mode mode, boolean exclusive) {
        Mode current = claimed.get();
        if (current == mode && !exclusive) {
            return; // the per-call fast path: one volatile read
        }
        if (current == null && claimed.compareAndSet(null, mode)) {
            onFirstClaim.accept(mode);
            return;
        }
        current = claimed.get();
        if (current == mode && !exclusive) {
            return;
        }
        if (current == mode && mode == Mode.PUBLISHER) {
            throw new IllegalStateException("This stream already has a subscriber; its publisher does not support "
                    + "multicast");
        }
        throw new IllegalStateException("This stream is already consumed with " + current.api + "; " + mode.api
                + " cannot be used as well (one way of consuming per stream)");
    }
}
