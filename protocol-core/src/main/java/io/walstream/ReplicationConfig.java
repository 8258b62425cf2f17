package io.walstream;

import io.walstream.conn.ConnectionConfig;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.StreamingMode;
import io.walstream.spi.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link LogicalReplicationStream} needs: where to connect, which slot and publications, the
 * pgoutput options, and how to acknowledge and reconnect. Build with {@link #builder(String)}.
 *
 * <p><b>Thread safety:</b> immutable; the {@link Builder} is not thread-safe.
 */
public final class ReplicationConfig {

    private final ConnectionConfig connection;
    private final TransportOptions transportOptions;
    private final LogicalStartOptions start;
    private final FlushMode flushMode;
    private final Duration statusInterval;
    private final ReconnectPolicy reconnect;
    private final SlotCreation slotCreation;
    private final Lsn stopAt;
    private final Duration receiveTimeout;
    private final EventFilter eventFilter;
    private final boolean strictUtf8;
    private final Duration startReplicationTimeout;

    /** The default of {@link Builder#startReplicationTimeout}: 60 s. */
    public static final Duration DEFAULT_START_REPLICATION_TIMEOUT = Duration.ofSeconds(60);
    private final io.walstream.snapshot.SnapshotOptions snapshot;

    /** Whether the stream creates its slot. */
    public enum SlotCreation {
        /** The slot must exist. */
        NEVER,
        /** Create a permanent slot if it does not exist. */
        IF_MISSING,
        /** Create a temporary slot (dropped when the stream's connection ends; incompatible with reconnecting). */
        TEMPORARY
    }

    private ReplicationConfig(Builder b) {
        this.connection = b.startupTimeout == null ? b.connection : b.connection.withStartupTimeout(b.startupTimeout);
        this.startReplicationTimeout = b.startReplicationTimeout;
        this.transportOptions = b.maxFrameLength == null ? b.transportOptions : b.transportOptions.toBuilder()
                .set(io.walstream.spi.TransportOption.MAX_FRAME_LENGTH, b.maxFrameLength).build();
        this.start = new LogicalStartOptions(b.slot, b.publications, b.startLsn, b.protoVersion, b.binary, b.messages,
                b.streaming, b.twoPhase, b.origin);
        this.flushMode = b.flushMode;
        this.statusInterval = b.statusInterval;
        this.reconnect = b.slotCreation == SlotCreation.TEMPORARY ? ReconnectPolicy.NEVER : b.reconnect;
        this.slotCreation = b.slotCreation;
        this.stopAt = b.stopAt;
        this.receiveTimeout = b.receiveTimeout;
        this.eventFilter = EventFilter.of(b.changesOnly, b.tables);
        this.strictUtf8 = b.strictUtf8;
        this.snapshot = b.snapshot;
    }

    /**
     * @param connectionString a libpq URI or {@code key=value} string; {@code replication=database} is implied
     * @return a builder
     */
    public static Builder builder(String connectionString) {
        return new Builder(ConnectionConfig.parse(withReplication(connectionString)));
    }

    /**
     * @param connection a parsed configuration; it must have {@code replication=database}
     * @return a builder
     */
    public static Builder builder(ConnectionConfig connection) {
        return new Builder(connection);
    }

    private static String withReplication(String s) {
        String t = s.strip();
        if (t.contains("replication=")) {
            return t;
        }
        if (t.startsWith("postgres://") || t.startsWith("postgresql://")) {
            return t + (t.contains("?") ? "&" : "?") + "replication=database";
        }
        return t + " replication=database";
    }

    /** @return the connection configuration */
    public ConnectionConfig connection() {
        return connection;
    }

    /** @return the transport options */
    public TransportOptions transportOptions() {
        return transportOptions;
    }

    /** @return the START_REPLICATION options */
    public LogicalStartOptions start() {
        return start;
    }

    /** @return the flush mode */
    public FlushMode flushMode() {
        return flushMode;
    }

    /** @return how often a status update is sent regardless of traffic */
    public Duration statusInterval() {
        return statusInterval;
    }

    /** @return the reconnect policy ({@link ReconnectPolicy#NEVER} with a temporary slot) */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** @return whether and how the slot is created */
    public SlotCreation slotCreation() {
        return slotCreation;
    }

    /** @return the position to stop after, or {@code null} */
    public Lsn stopAt() {
        return stopAt;
    }

    /**
     * @return how long the server may stay completely silent before the connection counts as lost (transient);
     *         zero when disabled
     */
    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    /**
     * @return how long each answer may take while a session starts (IDENTIFY_SYSTEM, the slot and publication
     *         checks, START_REPLICATION); see {@link Builder#startReplicationTimeout}
     */
    public Duration startReplicationTimeout() {
        return startReplicationTimeout;
    }

    /** @return which events the consumer gets (all by default); see {@link Builder#changesOnly} */
    public EventFilter eventFilter() {
        return eventFilter;
    }

    /** @return whether text values with invalid UTF-8 are refused; see {@link Builder#strictUtf8} */
    public boolean strictUtf8() {
        return strictUtf8;
    }

    /** @return the stream-level snapshot settings (default: none) */
    public io.walstream.snapshot.SnapshotOptions snapshotOptions() {
        return snapshot;
    }

    @Override
    public String toString() {
        return "ReplicationConfig[" + connection + ", slot=" + start.slotName() + ", publications="
                + start.publications() + ", flushMode=" + flushMode + "]";
    }

    /**
     * Builds a {@link ReplicationConfig}.
     *
     * <p><b>Thread safety:</b> not thread-safe.
     */
    public static final class Builder {
        private final ConnectionConfig connection;
        private TransportOptions transportOptions = TransportOptions.defaults();
        private String slot;
        private List<String> publications = List.of();
        private Lsn startLsn = Lsn.INVALID;
        private int protoVersion;
        private boolean binary;
        private boolean messages;
        private StreamingMode streaming = StreamingMode.OFF;
        private boolean twoPhase;
        private String origin;
        private FlushMode flushMode = FlushMode.ON_COMMIT;
        private Duration statusInterval = Duration.ofSeconds(10);
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private SlotCreation slotCreation = SlotCreation.NEVER;
        private Lsn stopAt;
        private Duration receiveTimeout = io.walstream.replication.WalStream.DEFAULT_RECEIVE_TIMEOUT;
        private Integer maxFrameLength;
        private boolean changesOnly;
        private List<String> tables = List.of();
        private boolean strictUtf8;
        private Duration startupTimeout;
        private Duration startReplicationTimeout = DEFAULT_START_REPLICATION_TIMEOUT;
        private io.walstream.snapshot.SnapshotOptions snapshot = io.walstream.snapshot.SnapshotOptions.NONE;

        private Builder(ConnectionConfig connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /** @param name the logical slot @return this */
        public Builder slot(String name) {
            this.slot = name;
            return this;
        }

        /** @param names one or more publications @return this */
        public Builder publications(String... names) {
            this.publications = List.of(names);
            return this;
        }

        /** @param lsn where to start ({@code 0/0} resumes from the slot) @return this */
        public Builder startLsn(Lsn lsn) {
            this.startLsn = lsn;
            return this;
        }

        /** @param version 1-4, or 0 for the highest the server supports @return this */
        public Builder protoVersion(int version) {
            this.protoVersion = version;
            return this;
        }

        /** @param value binary column values @return this */
        public Builder binary(boolean value) {
            this.binary = value;
            return this;
        }

        /** @param value logical decoding messages @return this */
        public Builder messages(boolean value) {
            this.messages = value;
            return this;
        }

        /** @param mode streaming of large in-progress transactions @return this */
        public Builder streaming(StreamingMode mode) {
            this.streaming = mode;
            return this;
        }

        /** @param value decode prepared transactions at PREPARE @return this */
        public Builder twoPhase(boolean value) {
            this.twoPhase = value;
            return this;
        }

        /** @param value "any" or "none" @return this */
        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        /** @param mode when positions are flushed @return this */
        public Builder flushMode(FlushMode mode) {
            this.flushMode = Objects.requireNonNull(mode);
            return this;
        }

        /** @param interval status update period (default 10 s) @return this */
        public Builder statusInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("statusInterval must be positive");
            }
            this.statusInterval = interval;
            return this;
        }

        /** @param policy how to reconnect @return this */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy);
            return this;
        }

        /** @param creation whether to create the slot @return this */
        public Builder createSlot(SlotCreation creation) {
            this.slotCreation = Objects.requireNonNull(creation);
            return this;
        }

        /**
         * Ends the stream at a position, like pg_recvlogical's {@code --endpos}: the first transaction whose commit
         * ends at or after {@code lsn} is delivered in full, then the stream ends; it also ends when, with no
         * transaction open, a keepalive shows the server has read WAL past {@code lsn} (a transaction still in
         * progress on the server then is not waited for).
         *
         * @param lsn the position
         * @return this
         */
        public Builder stopAt(Lsn lsn) {
            this.stopAt = lsn;
            return this;
        }

        /**
         * How long the server may send nothing at all — no data, no keepalive — before the connection counts as
         * lost and the stream reconnects (the client-side analogue of the server's {@code wal_receiver_timeout};
         * a walsender sends a keepalive at least every {@code wal_sender_timeout / 2}). Half-way a status update
         * asks the server for a keepalive. Default 60 s; {@link Duration#ZERO} disables it.
         *
         * @param timeout the silence allowed
         * @return this
         */
        public Builder receiveTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("receiveTimeout must not be negative");
            }
            this.receiveTimeout = timeout;
            return this;
        }

        /**
         * How long one connection attempt may take from the TCP connect to the server's first ReadyForQuery (TLS
         * and authentication included), so that a server that accepts the connection and then says nothing does
         * not hang {@link LogicalReplicationStream#open} or a reconnect. Default: {@code connect_timeout} from the
         * connection string if set, else 30 s ({@link io.walstream.conn.Connector#DEFAULT_STARTUP_TIMEOUT}).
         * Passing it is a transient failure, retried per the {@link ReconnectPolicy}. Sets
         * {@link io.walstream.conn.ConnectionConfig#withStartupTimeout} on {@link ReplicationConfig#connection()}.
         *
         * @param timeout the deadline per attempt, positive
         * @return this
         */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive");
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * How long each answer of the server may take while a session starts on a connected stream:
         * {@code IDENTIFY_SYSTEM}, the slot and publication checks, and the CopyBothResponse to
         * {@code START_REPLICATION} (which a walsender sends once its decoding context is ready). Default 60 s
         * ({@link #DEFAULT_START_REPLICATION_TIMEOUT}). Passing it is a transient failure, retried per the
         * {@link ReconnectPolicy}. Slot creation at {@link LogicalReplicationStream#open} is not bounded by it (it
         * waits for running transactions to end).
         *
         * @param timeout the deadline per answer, positive
         * @return this
         */
        public Builder startReplicationTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startReplicationTimeout must be positive");
            }
            this.startReplicationTimeout = timeout;
            return this;
        }

        /**
         * The largest backend message accepted, in bytes (default 128 MiB): a declared length above it fails with
         * {@link FrameTooLargeException} before anything is allocated. Raise it for rows with very large values.
         * Stored as {@link io.walstream.spi.TransportOption#MAX_FRAME_LENGTH} in the transport options.
         *
         * @param bytes the limit
         * @return this
         */
        public Builder maxFrameLength(int bytes) {
            if (bytes < 5 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxFrameLength " + bytes + " outside 5.." + (Integer.MAX_VALUE - 8));
            }
            this.maxFrameLength = bytes;
            return this;
        }

        /** @param options transport options (e.g. the provider) @return this */
        public Builder transportOptions(TransportOptions options) {
            this.transportOptions = Objects.requireNonNull(options);
            return this;
        }

        /**
         * Delivers only changes: INSERT, UPDATE, DELETE, TRUNCATE (and logical messages when
         * {@link #messages(boolean)} is on), without Begin, Commit, Relation, Type, Origin and the stream and
         * two-phase framing. Each change still carries its xid and commit LSN, and commits are still
         * acknowledged. Affects {@code next}, {@code forEach} and {@code publisher}, not {@code transactions}.
         *
         * @param value whether to deliver only changes (default {@code false})
         * @return this
         */
        public Builder changesOnly(boolean value) {
            this.changesOnly = value;
            return this;
        }

        /**
         * Sets {@link io.walstream.spi.TransportOption#READ_CHUNK_SIZE}: the size of the chunks the drain loop reads
         * into (default 64 KiB). Call it after {@link #transportOptions}, which replaces every transport option.
         *
         * @param bytes at least 64
         * @return this
         */
        public Builder readBufferSize(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("readBufferSize must be at least 64 bytes, got " + bytes);
            }
            this.transportOptions = transportOptions.toBuilder()
                    .set(io.walstream.spi.TransportOption.READ_CHUNK_SIZE, bytes).build();
            return this;
        }

        /**
         * Sets {@link io.walstream.spi.TransportOption#READ_COALESCING}: when the stream is busy but each read
         * brings only a message or two (a walsender flushes every message on its own), the next read first waits
         * up to {@code window} so that one wake-up of the reading thread delivers many messages, which cuts the
         * client's CPU per message. It bounds the extra latency of a message on a busy stream: an idle stream is
         * never delayed (the first message after a quiet spell is delivered at once), a keepalive asking for a
         * reply is answered at most one window after it arrived, and closing the stream or interrupting the reader
         * ends a wait at once. Default zero (off): against a walsender on the same host, 200–1000 µs cut the
         * client's CPU per message 2–3× but cost the CPU-bound walsender about 1.5 µs more kernel time per message
         * and 10–30 % of its throughput (see {@link io.walstream.spi.TransportOption#READ_COALESCING}). Call it
         * after {@link #transportOptions}, which replaces every transport option.
         *
         * @param window 0 to 10 ms
         * @return this
         */
        public Builder readCoalescing(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.compareTo(Duration.ofMillis(10)) > 0) {
                throw new IllegalArgumentException("readCoalescing must be between 0 and 10 ms, got " + window);
            }
            this.transportOptions = transportOptions.toBuilder()
                    .set(io.walstream.spi.TransportOption.READ_COALESCING, window).build();
            return this;
        }

        /**
         * Delivers the changes of these tables only (other events are unaffected). A publication limits what the
         * server sends; this narrows it further on the client.
         *
         * @param names {@code schema.table} or bare {@code table} names, exactly as stored (case-sensitive)
         * @return this
         */
        public Builder tables(String... names) {
            this.tables = List.of(names);
            return this;
        }

        /**
         * Refuses text values that are not valid UTF-8 with a
         * {@link io.walstream.pgoutput.types.MalformedTextException} naming the column and byte offset, instead
         * of the default: replace malformed sequences with U+FFFD and count the values
         * ({@code stream.relations().utf8Policy().replacements()}).
         *
         * @param value whether to decode strictly (default {@code false})
         * @return this
         */
        public Builder strictUtf8(boolean value) {
            this.strictUtf8 = value;
            return this;
        }

        /**
         * Copies the existing rows of every published table before streaming, as events marked
         * {@link ReplicationEvent#isSnapshotRead()}; see {@link io.walstream.snapshot.SnapshotMode#INITIAL} and
         * the README's Snapshots section. Needs {@code createSlot(IF_MISSING)} with {@link #snapshotCheckpoints},
         * or {@code createSlot(TEMPORARY)}.
         *
         * @param mode the snapshot mode (default {@code NONE})
         * @return this
         */
        public Builder snapshot(io.walstream.snapshot.SnapshotMode mode) {
            this.snapshot = snapshot.withMode(mode);
            return this;
        }

        /** @param n reader connections of the initial snapshot, 1 to 64 (default 1) @return this */
        public Builder snapshotWorkers(int n) {
            this.snapshot = snapshot.withWorkers(n);
            return this;
        }

        /** @param store where the initial snapshot records that it started and completed @return this */
        public Builder snapshotCheckpoints(io.walstream.snapshot.SnapshotCheckpointStore store) {
            this.snapshot = snapshot.withCheckpoints(store);
            return this;
        }

        /** @return the configuration */
        public ReplicationConfig build() {
            snapshot.check(slotCreation);
            if (slot == null) {
                throw new IllegalStateException("A slot name is required");
            }
            if (publications.isEmpty()) {
                throw new IllegalStateException("At least one publication is required");
            }
            if (connection.replication() != io.walstream.conn.ReplicationMode.DATABASE) {
                throw new IllegalStateException("Logical replication needs replication=database in the connection string");
            }
            return new ReplicationConfig(this);
        }
    }
}
