package io.walstream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM shutdown hook behind {@link LogicalReplicationStream#closeOnShutdown()}: registered on request only,
 * removed again when the stream closes (unless the JVM is already shutting down).
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
final class ShutdownHook {

    private static final Logger log = LoggerFactory.getLogger(ShutdownHook.class);

    private final String slot;
    private final Runnable close;
    private Thread hook;

    /**
     * @param slot the stream's slot, for the log line
     * @param close what the hook runs
     */
    ShutdownHook(String slot, Runnable close) {
        this.slot = slot;
        this.close = close;
    }

    /** Registers the hook once; later calls do nothing. */
    synchronized void register() {
        if (hook != null) {
            return;
        }
        Thread t = new Thread(() -> {
            log.info("JVM shutdown: closing the replication stream on slot \"{}\"", slot);
            close.run();
        }, "walstream-shutdown");
        Runtime.getRuntime().addShutdownHook(t);
        hook = t;
    }

    /** Removes the hook if registered, unless called by the hook itself or while the JVM shuts down. */
    synchronized void remove() {
        Thread t = hook;
        if (t == null || Thread.currentThread() == t) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(t);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        hook = null;
    }
}
