package io.walstream.testkit.postgres;

/**
 * How {@link PostgresServer#stop(StopMode)} shuts the server down: the {@code pg_ctl stop -m} modes.
 *
 * <p><b>Thread safety:</b> an immutable enum; safe for concurrent use.
 */
public enum StopMode {
    /** Waits for every client to disconnect; a connected walsender keeps the server up. */
    SMART("smart"),
    /** Disconnects clients, lets walsenders send what is flushed, and checkpoints: a clean shutdown. */
    FAST("fast"),
    /** Kills every process at once, like a crash; the next start runs crash recovery. */
    IMMEDIATE("immediate");

    private final String pgCtlName;

    StopMode(String pgCtlName) {
        this.pgCtlName = pgCtlName;
    }

    /** {@return the name {@code pg_ctl -m} takes} */
    public String pgCtlName() {
        return pgCtlName;
    }
}
