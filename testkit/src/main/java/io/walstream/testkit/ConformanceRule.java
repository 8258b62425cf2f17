package io.walstream.testkit;

/**
 * Every rule of the {@link TransportConformanceSuite}, with its ID and level. The single source of truth: each
 * constant has exactly one test method in the suite, named {@code required_<id>_...} or
 * {@code optional_<id>_...}, and the suite's self-test checks that by reflection. The self-test also holds a
 * deliberately broken transport for every rule and requires the rule to fail against it, by ID.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ConformanceRule {

    // --- FX: fixture replay -------------------------------------------------------------------------------
    /**
     * Every fixture's server bytes arrive byte-exact under every chunking. If this fails, check: bytes kept
     * in an internal buffer when the peer closes; a read that returns before copying; a reused buffer.
     */
    FX_01("FX-01", Level.REQUIRED, "every fixture's server bytes are delivered byte-exact under every chunking"),
    /**
     * The client bytes of every fixture reach the peer byte-exact. If this fails, check: write ordering,
     * partial writes, flush.
     */
    FX_02("FX-02", Level.REQUIRED, "every fixture's client bytes reach the peer byte-exact"),

    // --- BS: ByteSource -----------------------------------------------------------------------------------
    /** read() returns -1 after an orderly close between frames. If this fails, check: EOF propagation. */
    BS_01("BS-01", Level.REQUIRED, "read() returns -1 after the peer closes cleanly, after all bytes"),
    /** End of stream inside a frame: every byte before the close arrives, then -1. */
    BS_02("BS-02", Level.REQUIRED, "end of stream inside a frame delivers every byte sent, then -1"),
    /** The read deadline is honoured: 0 within the deadline plus slack. If this fails, check: timeouts ignored. */
    BS_03("BS-03", Level.REQUIRED, "read() returns 0 within its deadline plus slack when nothing arrives"),
    /** A zero timeout polls: returns 0 at once when nothing is buffered. */
    BS_04("BS-04", Level.REQUIRED, "read() with a zero timeout returns 0 at once when nothing is available"),
    /** read() respects dst bounds: writes only between position and limit, returns at most remaining. */
    BS_05("BS-05", Level.REQUIRED, "read() writes only between dst's position and limit and returns at most remaining()"),
    /** read() returns available bytes at once; it does not wait for dst to fill or for the deadline. */
    BS_06("BS-06", Level.REQUIRED, "read() returns available bytes at once without waiting to fill dst"),
    /** A 16 MiB frame arrives byte-exact. */
    BS_07("BS-07", Level.REQUIRED, "a frame of at least 16 MiB arrives byte-exact"),
    /** Memory stays bounded while the peer sends 1 GiB to a slow reader. */
    BS_08("BS-08", Level.REQUIRED, "memory stays bounded while the peer sends 1 GiB to a slow reader"),
    /** Bytes that arrive after a read timed out are still delivered. */
    BS_09("BS-09", Level.REQUIRED, "bytes that arrive after a timed-out read are still delivered"),

    // --- LC: lifecycle ------------------------------------------------------------------------------------
    /** close() from another thread unblocks a blocked read within 1 s. */
    LC_01("LC-01", Level.REQUIRED, "close() from another thread unblocks a blocked read within 1 s"),
    /** read() after close() returns -1 or throws IOException at once. */
    LC_02("LC-02", Level.REQUIRED, "read() after close() returns -1 or throws IOException without blocking"),
    /** close() is idempotent. */
    LC_03("LC-03", Level.REQUIRED, "close() is idempotent and closes both sides"),
    /** A refused connection is an IOException naming host and port. */
    LC_04("LC-04", Level.REQUIRED, "connection refused is an IOException naming host and port"),
    /** An endpoint that never answers the connection attempt fails within the connect timeout plus slack. */
    LC_05("LC-05", Level.REQUIRED, "connecting to an unresponsive endpoint fails within the connect timeout"),
    /** info() names the provider and the endpoint. */
    LC_06("LC-06", Level.REQUIRED, "info() names the provider and the endpoint"),
    /** A peer close while idle is seen promptly. */
    LC_07("LC-07", Level.REQUIRED, "a peer close while the reader waits is reported as -1 promptly"),
    /** The provider's name is stable and lower case, and it supports the default options. */
    LC_08("LC-08", Level.REQUIRED, "the provider has a stable lower-case name and supports the default options"),

    // --- WR: ByteSink -------------------------------------------------------------------------------------
    /** Writes arrive in order and byte-exact after flush. */
    WR_01("WR-01", Level.REQUIRED, "writes arrive in order and byte-exact after flush()"),
    /** A write from a second thread while a read is blocked completes and reaches the peer. */
    WR_02("WR-02", Level.REQUIRED, "a write from a second thread while a read is blocked reaches the peer"),
    /** Concurrent writes from several threads are never interleaved. */
    WR_03("WR-03", Level.REQUIRED, "concurrent writes from several threads arrive whole, never interleaved"),
    /** A large write completes fully and consumes the source buffer. */
    WR_04("WR-04", Level.REQUIRED, "a 4 MiB write is taken whole and arrives byte-exact"),
    /** write() after close() throws IOException. */
    WR_05("WR-05", Level.REQUIRED, "write() after close() throws IOException"),

    // --- OP: optional capabilities ------------------------------------------------------------------------
    /** After the peer half-closes (EOF), the client can still write. Requires {@link Capability#HALF_CLOSE}. */
    OP_01("OP-01", Level.OPTIONAL, "after the peer's half-close the client can still write"),
    /** Connecting to the IPv6 loopback works. Requires {@link Capability#IPV6}. */
    OP_02("OP-02", Level.OPTIONAL, "connecting to the IPv6 loopback [::1] works"),
    /**
     * A write to a peer that stopped reading fails once {@code TransportOption.WRITE_TIMEOUT} passes, instead of
     * blocking forever. Requires {@link Capability#WRITE_TIMEOUT}. If this fails, check: a write loop that
     * waits for writability without a deadline.
     */
    OP_03("OP-03", Level.OPTIONAL, "a write to a peer that stopped reading fails after TransportOption.WRITE_TIMEOUT");

    /** Whether a rule must hold for every transport. */
    public enum Level {
        /** Every transport must pass. */
        REQUIRED,
        /** Checked only when the transport declares the matching {@link Capability}; otherwise skipped. */
        OPTIONAL
    }

    private final String id;
    private final Level level;
    private final String summary;

    ConformanceRule(String id, Level level, String summary) {
        this.id = id;
        this.level = level;
        this.summary = summary;
    }

    /** @return the stable ID, e.g. {@code BS-03} */
    public String id() {
        return id;
    }

    /** @return the level */
    public Level level() {
        return level;
    }

    /** @return one line saying what the rule checks */
    public String summary() {
        return summary;
    }

    /** @return {@code [BS-03] required: summary}, the display-name prefix of the rule's test */
    public String label() {
        return "[" + id + "] " + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + summary;
    }
}
