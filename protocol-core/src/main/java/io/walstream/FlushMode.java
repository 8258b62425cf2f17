package io.walstream;

/**
 * When {@link LogicalReplicationStream} reports positions as flushed to the server. The server may remove WAL
 * and forget transactions up to the flushed position, so flushing too early loses data on a crash and
 * flushing never makes WAL pile up on the server.
 *
 * <p>In every mode, when the server asks for an immediate reply (a walsender does so while it shuts down, until
 * its client reports everything sent as replicated) and every transaction delivered so far has been
 * acknowledged, with none open, the server's WAL end is reported as flushed: nothing up to it is left for this
 * stream. Otherwise a stream that once acknowledged a transaction would hold up a fast shutdown after unrelated
 * WAL. A stream that has delivered nothing reports nothing as flushed; its write position serves the server.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum FlushMode {
    /**
     * Only what the application acknowledges with {@link LogicalReplicationStream#acknowledge}. Safest; the
     * risk is forgetting to acknowledge: the slot then pins WAL until the disk fills.
     */
    MANUAL,
    /**
     * A transaction is acknowledged once the application is done with its commit: in pull mode when
     * {@code next} is called again after returning the commit; in push mode when the handler returns after the
     * commit. The risk: an application that hands events to another thread and returns early has them
     * acknowledged before they are durable. The default.
     */
    ON_COMMIT,
    /**
     * As {@link #ON_COMMIT}, and additionally, whenever no transaction is open and everything delivered has been
     * acknowledged, a keepalive's WAL end is acknowledged too, so a slot whose publication is idle (while the
     * server writes other WAL) does not pin WAL. The same risk as {@link #ON_COMMIT}.
     */
    ON_COMMIT_AND_IDLE
}
