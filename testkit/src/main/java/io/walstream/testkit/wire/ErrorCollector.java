package io.walstream.testkit.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects failures raised on peer and I/O threads so the test thread can assert them (the Reactive Streams
 * TCK's {@code TestEnvironment.flop} idea): an assertion on another thread would otherwise be lost.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public final class ErrorCollector {

    private final List<Throwable> errors = new ArrayList<>();

    /**
     * @param error a failure seen on another thread
     */
    public synchronized void add(Throwable error) {
        errors.add(error);
    }

    /** @return a snapshot of the failures so far */
    public synchronized List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /**
     * Throws an {@link AssertionError} carrying every collected failure if there is any.
     *
     * @param context a prefix for the message, e.g. a rule label
     */
    public synchronized void assertEmpty(String context) {
        if (errors.isEmpty()) {
            return;
        }
        AssertionError e = new AssertionError(context + ": " + errors.get(0).getMessage()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors.get(0));
        for (int i = 1; i < errors.size(); i++) {
            e.addSuppressed(errors.get(i));
        }
        throw e;
    }
}
