package io.walstream;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A stream's one {@link TransactionStream}, created on first use with the options given then: later requests get
 * the same view, and a request with other options is refused. A view created after the stream closed starts out
 * discarded.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
final class TransactionView {

    private final Function<TransactionOptions, TransactionStream> factory;
    private final BooleanSupplier closed;
    private volatile TransactionStream view;

    /**
     * @param factory claims the stream for whole transactions and makes the view (runs once, if it succeeds)
     * @param closed whether the stream is closed
     */
    TransactionView(Function<TransactionOptions, TransactionStream> factory, BooleanSupplier closed) {
        this.factory = factory;
        this.closed = closed;
    }

    /** @return the view with the options of its creation, creating it with the defaults if none exists yet */
    TransactionStream get() {
        TransactionStream t = view;
        return t != null ? t : get(TransactionOptions.defaults());
    }

    /**
     * @param options the options wanted
     * @return the view
     * @throws IllegalStateException if the view exists with other options, or the factory refused
     */
    synchronized TransactionStream get(TransactionOptions options) {
        Objects.requireNonNull(options, "options");
        TransactionStream t = view;
        if (t != null) {
            if (!t.options().equals(options)) {
                throw new IllegalStateException("The transaction view of this stream already exists with " + t.options());
            }
            return t;
        }
        t = factory.apply(options);
        view = t;
        if (closed.getAsBoolean()) {
            t.discardAll();
        }
        return t;
    }

    /** Discards what the view buffered (and deletes its spill files), if it exists. */
    void discard() {
        TransactionStream t = view;
        if (t != null) {
            t.discardAll();
        }
    }
}
