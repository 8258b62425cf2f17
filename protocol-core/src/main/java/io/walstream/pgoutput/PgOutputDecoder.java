package io.walstream.pgoutput;

import io.walstream.Lsn;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Decodes pgoutput messages (protocol versions 1–4): the third codec layer, from an XLogData payload to a
 * {@link PgOutputMessage}.
 *
 * <pre>
 * XLogData payload = Byte1 type | body          (one message, no length field; the payload ends it)
 * </pre>
 *
 * <p>The decoder is stateful in one respect: between {@link StreamStart} and {@link StreamStop} the changes
 * {@code R Y I U D T M} carry a leading {@code Int32 xid}, and the protocol has no flag for it. Decode every
 * message of a session, in order, with one decoder; call {@link #reset()} after a reconnect.
 *
 * <p>Strictness:
 * <ul>
 * <li>A payload that is short, has bytes left over after the last field, declares a negative or too-large
 *     length or count, has an unknown tuple kind, replica identity or old-tuple marker, or non-zero
 *     commit/prepare flags throws {@link MalformedFrameException}. Lengths and counts are checked against the
 *     remaining bytes before anything is allocated.</li>
 * <li>A message type newer than the negotiated protocol version ({@code 'S'} in version 1, {@code 'b'} in
 *     version 2, …), a stream block opened twice or closed when none is open, and Stream Commit / Abort /
 *     Prepare inside a block throw {@link ProtocolException}.</li>
 * <li>An unknown type byte throws {@link MalformedFrameException}, unless {@link Builder#skipUnknownTypes}
 *     was set: then it decodes to an {@link UnknownMessage} holding the body.</li>
 * <li>Stream Abort is 8 body bytes, or 24 with {@link Builder#parallelStreaming} ({@code streaming
 *     'parallel'}, protocol 4); the length is not guessed.</li>
 * </ul>
 * Every exception carries {@link ProtocolException#tag()} (the type byte), {@link ProtocolException#offset()}
 * (the offset within the payload where decoding failed) and {@link ProtocolException#hexExcerpt()} (the first
 * 32 bytes of the payload). A failed decode leaves the stream-block state unchanged.
 *
 * <p>Strings and text values are read as UTF-8: start the session with {@code client_encoding=UTF8}.
 *
 * <p><b>Thread safety:</b> not thread-safe; use one decoder per replication session from one thread.
 */
public final class PgOutputDecoder {
    /** Lowest supported {@code proto_version}. */
    public static final int MIN_PROTOCOL_VERSION = 1;
    /** Highest supported {@code proto_version}. */
    public static final int MAX_PROTOCOL_VERSION = 4;

    private static final int RELATION_COLUMN_MIN_BYTES = 1 + 1 + 4 + 4;

    private final int protocolVersion;
    private final boolean parallelStreaming;
    private final boolean skipUnknownTypes;
    private final Utf8Policy utf8; // names in messages; null: lenient, uncounted
    /** Reused by {@link #decode(byte[], int, int)}, the delivery loop's per-message call (decoders are confined). */
    private final PayloadReader reader = new PayloadReader(new byte[0], 0, 0);

    private boolean inStreamBlock;
    private int streamBlockXid;
    private int beginXid; // xid of the last Begin, given to its Commit (Commit itself carries none)

    /**
     * @param protocolVersion the negotiated {@code proto_version}, 1–4
     * @throws IllegalArgumentException if out of range
     */
    public PgOutputDecoder(int protocolVersion) {
        this(builder(protocolVersion));
    }

    private PgOutputDecoder(Builder b) {
        this.protocolVersion = b.protocolVersion;
        this.parallelStreaming = b.parallelStreaming;
        this.skipUnknownTypes = b.skipUnknownTypes;
        this.utf8 = b.utf8;
    }

    /**
     * @param protocolVersion the negotiated {@code proto_version}, 1–4
     * @return a builder for the other options
     * @throws IllegalArgumentException if the version is out of range
     */
    public static Builder builder(int protocolVersion) {
        if (protocolVersion < MIN_PROTOCOL_VERSION || protocolVersion > MAX_PROTOCOL_VERSION) {
            throw new IllegalArgumentException("pgoutput proto_version must be 1-4, got " + protocolVersion);
        }
        return new Builder(protocolVersion);
    }

    /** @return the negotiated protocol version */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** @return whether Stream Abort carries the parallel-apply fields */
    public boolean parallelStreaming() {
        return parallelStreaming;
    }

    /** @return whether unknown message types decode to {@link UnknownMessage} instead of failing */
    public boolean skipUnknownTypes() {
        return skipUnknownTypes;
    }

    /** @return whether a Stream Start … Stream Stop block is open */
    public boolean inStreamBlock() {
        return inStreamBlock;
    }

    /** @return the xid of the open stream block, empty outside one */
    public OptionalInt streamBlockXid() {
        return inStreamBlock ? OptionalInt.of(streamBlockXid) : OptionalInt.empty();
    }

    /** Forgets the stream-block state; call after a reconnect. */
    public void reset() {
        inStreamBlock = false;
        streamBlockXid = 0;
        beginXid = 0;
    }

    /**
     * Decodes a payload array the caller hands over: the message's tuples share it instead of copying their
     * bytes again (for a caller that already made its own copy, e.g. of an XLogData's payload).
     *
     * @param payload exactly one message; must not be modified afterwards
     * @return the message
     */
    public PgOutputMessage decodeOwned(byte[] payload) {
        return decode(new PayloadReader(payload, 0, payload.length, true));
    }

    /**
     * @param payload exactly one message
     * @return the message
     */
    public PgOutputMessage decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /**
     * @param payload an array holding one message
     * @param offset where the message starts
     * @param length the message's length
     * @return the message
     */
    public PgOutputMessage decode(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return decode(reader.reset(payload, offset, length)); // one reader per decoder: nothing allocated here
    }

    /**
     * Decodes the bytes from the buffer's position to its limit as exactly one message. The buffer's position
     * does not move; nothing in the result refers to the buffer afterwards (tuples and content are copied
     * once).
     *
     * @param payload one message
     * @return the message
     * @throws MalformedFrameException if the bytes do not form a valid message of its type
     * @throws ProtocolException if the type is unknown, newer than the negotiated version, or out of order
     *         with respect to stream blocks
     */
    public PgOutputMessage decode(ByteBuffer payload) {
        return decode(new PayloadReader(payload));
    }

    private PgOutputMessage decode(PayloadReader in) {
        if (in.remaining() == 0) {
            throw in.malformed("the payload is empty (no message type)");
        }
        int tag = in.u8("type");
        in.tag(tag);
        in.names = utf8;
        PgOutputMessage m;
        switch (tag) {
            case Begin.TAG:
                m = new Begin(lsn(in, "final_lsn"), in.i64("commit_time"), in.i32("xid"));
                break;
            case Commit.TAG:
                m = new Commit(zeroFlags(in), lsn(in, "commit_lsn"), lsn(in, "end_lsn"), in.i64("commit_time"),
                        beginXid);
                break;
            case Origin.TAG:
                m = new Origin(lsn(in, "origin_lsn"), in.cstring("origin_name"));
                break;
            case Relation.TAG:
                m = relation(in);
                break;
            case Type.TAG:
                m = new Type(streamXid(in), in.i32("type OID"), in.cstring("namespace"), in.cstring("type name"));
                break;
            case Insert.TAG:
                m = insert(in);
                break;
            case Update.TAG:
                m = update(in);
                break;
            case Delete.TAG:
                m = delete(in);
                break;
            case Truncate.TAG:
                m = truncate(in);
                break;
            case LogicalMessage.TAG:
                m = logicalMessage(in);
                break;
            case StreamStart.TAG:
                m = streamStart(in);
                break;
            case StreamStop.TAG:
                m = streamStop(in);
                break;
            case StreamCommit.TAG:
                m = streamCommit(in);
                break;
            case StreamAbort.TAG:
                m = streamAbort(in);
                break;
            case BeginPrepare.TAG:
                requireVersion(in, 3, "Begin Prepare");
                m = new BeginPrepare(lsn(in, "prepare_lsn"), lsn(in, "end_lsn"), in.i64("prepare_time"),
                        in.i32("xid"), in.cstring("gid"));
                break;
            case Prepare.TAG:
                requireVersion(in, 3, "Prepare");
                m = new Prepare(zeroFlags(in), lsn(in, "prepare_lsn"), lsn(in, "end_lsn"), in.i64("prepare_time"),
                        in.i32("xid"), in.cstring("gid"));
                break;
            case CommitPrepared.TAG:
                requireVersion(in, 3, "Commit Prepared");
                m = new CommitPrepared(zeroFlags(in), lsn(in, "commit_lsn"), lsn(in, "end_lsn"),
                        in.i64("commit_time"), in.i32("xid"), in.cstring("gid"));
                break;
            case RollbackPrepared.TAG:
                requireVersion(in, 3, "Rollback Prepared");
                m = new RollbackPrepared(zeroFlags(in), lsn(in, "prepare_end_lsn"), lsn(in, "rollback_end_lsn"),
                        in.i64("prepare_time"), in.i64("rollback_time"), in.i32("xid"), in.cstring("gid"));
                break;
            case StreamPrepare.TAG:
                requireVersion(in, 3, "Stream Prepare");
                requireOutsideBlock(in, "Stream Prepare");
                m = new StreamPrepare(zeroFlags(in), lsn(in, "prepare_lsn"), lsn(in, "end_lsn"),
                        in.i64("prepare_time"), in.i32("xid"), in.cstring("gid"));
                break;
            default:
                if (!skipUnknownTypes) {
                    throw new MalformedFrameException("Unknown pgoutput message type "
                            + ProtocolException.describeTag(tag) + " at payload offset 0 (protocol version "
                            + protocolVersion + "); enable PgOutputDecoder.Builder.skipUnknownTypes to pass such "
                            + "messages through", tag, 0, in.excerpt());
                }
                m = new UnknownMessage(tag, in.bytes(in.remaining(), "body"));
                break;
        }
        in.expectEnd("the message");
        // state changes only after the whole message decoded
        if (m instanceof Begin) {
            beginXid = ((Begin) m).xid();
        } else if (m instanceof StreamStart) {
            inStreamBlock = true;
            streamBlockXid = ((StreamStart) m).xid();
        } else if (m instanceof StreamStop) {
            inStreamBlock = false;
            streamBlockXid = 0;
        }
        return m;
    }

    private static Lsn lsn(PayloadReader in, String what) {
        return Lsn.of(in.i64(what));
    }

    private static int zeroFlags(PayloadReader in) {
        int at = in.offset();
        int flags = in.u8("flags");
        if (flags != 0) {
            throw in.malformed("flags must be 0 but are " + flags, at);
        }
        return flags;
    }

    private OptionalInt streamXid(PayloadReader in) {
        return inStreamBlock ? OptionalInt.of(in.i32("streaming xid")) : OptionalInt.empty();
    }

    private void requireVersion(PayloadReader in, int min, String name) {
        if (protocolVersion < min) {
            throw new ProtocolException(name + " message " + ProtocolException.describeTag(in.tag())
                    + " requires pgoutput protocol version " + min + " but version " + protocolVersion
                    + " was negotiated; the server and the decoder disagree on proto_version", in.tag(), 0,
                    in.excerpt(), null);
        }
    }

    private void requireOutsideBlock(PayloadReader in, String name) {
        if (inStreamBlock) {
            throw new ProtocolException(name + " message " + ProtocolException.describeTag(in.tag())
                    + " arrived inside the stream block of xid " + Integer.toUnsignedString(streamBlockXid)
                    + "; it is only valid outside Stream Start ... Stream Stop", in.tag(), 0, in.excerpt(), null);
        }
    }

    /*
     * Byte1 'R' | [Int32 xid] | Int32 oid | String namespace | String name | Int8 replident | Int16 N
     *   | N x { Int8 flags | String name | Int32 type OID | Int32 typmod }
     */
    private Relation relation(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int oid = in.i32("relation OID");
        String namespace = in.cstring("namespace");
        String name = in.cstring("relation name");
        int at = in.offset();
        int identityCode = in.u8("replica identity");
        ReplicaIdentity identity = ReplicaIdentity.fromCode(identityCode);
        if (identity == null) {
            throw in.malformed("unknown replica identity " + ProtocolException.describeTag(identityCode)
                    + " (expected 'd', 'n', 'f' or 'i')", at);
        }
        at = in.offset();
        int n = in.u16("column count");
        if ((long) n * RELATION_COLUMN_MIN_BYTES > in.remaining()) {
            throw in.malformed("declares " + n + " columns but only " + in.remaining() + " bytes remain (each "
                    + "column needs at least " + RELATION_COLUMN_MIN_BYTES + ")", at);
        }
        List<RelationColumn> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new RelationColumn(in.u8("column " + i + " flags"), in.cstring("column " + i + " name"),
                    in.i32("column " + i + " type OID"), in.i32("column " + i + " typmod")));
        }
        return new Relation(xid, oid, namespace, name, identity, columns);
    }

    private Insert insert(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int oid = in.i32("relation OID");
        expectMarker(in, 'N', "new tuple marker");
        return new Insert(xid, oid, tuple(in, "new tuple"));
    }

    private Update update(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int oid = in.i32("relation OID");
        int at = in.offset();
        int marker = in.u8("tuple marker");
        OldTupleKind kind;
        TupleData old = null;
        switch (marker) {
            case 'K':
                kind = OldTupleKind.KEY;
                old = tuple(in, "key tuple");
                expectMarker(in, 'N', "new tuple marker");
                break;
            case 'O':
                kind = OldTupleKind.OLD;
                old = tuple(in, "old tuple");
                expectMarker(in, 'N', "new tuple marker");
                break;
            case 'N':
                kind = OldTupleKind.NONE;
                break;
            default:
                throw in.malformed("unknown tuple marker " + ProtocolException.describeTag(marker)
                        + " (expected 'K', 'O' or 'N')", at);
        }
        return new Update(xid, oid, kind, old, tuple(in, "new tuple"));
    }

    private Delete delete(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int oid = in.i32("relation OID");
        int at = in.offset();
        int marker = in.u8("tuple marker");
        OldTupleKind kind;
        if (marker == 'K') {
            kind = OldTupleKind.KEY;
        } else if (marker == 'O') {
            kind = OldTupleKind.OLD;
        } else {
            throw in.malformed("unknown tuple marker " + ProtocolException.describeTag(marker)
                    + " (expected 'K' or 'O')", at);
        }
        return new Delete(xid, oid, kind, tuple(in, kind == OldTupleKind.KEY ? "key tuple" : "old tuple"));
    }

    private static void expectMarker(PayloadReader in, char expected, String what) {
        int at = in.offset();
        int marker = in.u8(what);
        if (marker != expected) {
            throw in.malformed(what + " is " + ProtocolException.describeTag(marker) + ", expected "
                    + ProtocolException.describeTag(expected), at);
        }
    }

    private static TupleData tuple(PayloadReader in, String what) {
        int start = in.offset();
        int[] positions = TupleData.scan(in, what);
        if (in.owned()) { // the reader's own copy of the payload: share it instead of copying the tuple again
            return TupleData.ofValidated(in.array(), in.indexOf(start), in.indexOf(in.offset()), positions);
        }
        return TupleData.ofValidated(in.copy(start, in.offset()), positions);
    }

    /* Byte1 'T' | [Int32 xid] | Int32 N | Int8 options | N x Int32 oid */
    private Truncate truncate(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int at = in.offset();
        int n = in.i32("relation count");
        int options = in.u8("options");
        if (n < 0 || (long) n * 4 != in.remaining()) {
            throw in.malformed("declares " + Integer.toUnsignedString(n) + " relations, which needs "
                    + (n < 0 ? "more than 8 GB" : (long) n * 4 + " bytes") + ", but " + in.remaining()
                    + " bytes remain", at);
        }
        List<Integer> oids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            oids.add(in.i32("relation OID"));
        }
        return new Truncate(xid, options, oids);
    }

    /* Byte1 'M' | [Int32 xid] | Int8 flags | Int64 lsn | String prefix | Int32 L | Byte*L */
    private LogicalMessage logicalMessage(PayloadReader in) {
        OptionalInt xid = streamXid(in);
        int flags = in.u8("flags");
        Lsn lsn = lsn(in, "lsn");
        String prefix = in.cstring("prefix");
        int at = in.offset();
        int len = in.i32("content length");
        if (len < 0 || len > in.remaining()) {
            throw in.malformed("content length " + len + " but " + in.remaining() + " bytes remain", at);
        }
        return new LogicalMessage(xid, flags, lsn, prefix, in.bytes(len, "content"));
    }

    private StreamStart streamStart(PayloadReader in) {
        requireVersion(in, 2, "Stream Start");
        if (inStreamBlock) {
            throw new ProtocolException("Stream Start " + ProtocolException.describeTag(in.tag())
                    + " arrived while the stream block of xid " + Integer.toUnsignedString(streamBlockXid)
                    + " is still open (missing Stream Stop)", in.tag(), 0, in.excerpt(), null);
        }
        int xid = in.i32("xid");
        int at = in.offset();
        int first = in.u8("first_segment");
        if (first > 1) {
            throw in.malformed("first_segment must be 0 or 1 but is " + first, at);
        }
        return new StreamStart(xid, first == 1);
    }

    private StreamStop streamStop(PayloadReader in) {
        requireVersion(in, 2, "Stream Stop");
        if (!inStreamBlock) {
            throw new ProtocolException("Stream Stop " + ProtocolException.describeTag(in.tag())
                    + " arrived outside a stream block (no Stream Start)", in.tag(), 0, in.excerpt(), null);
        }
        return new StreamStop(streamBlockXid);
    }

    private StreamCommit streamCommit(PayloadReader in) {
        requireVersion(in, 2, "Stream Commit");
        requireOutsideBlock(in, "Stream Commit");
        return new StreamCommit(in.i32("xid"), zeroFlags(in), lsn(in, "commit_lsn"), lsn(in, "end_lsn"),
                in.i64("commit_time"));
    }

    /* Byte1 'A' | Int32 xid | Int32 subxid | [Int64 abort_lsn | Int64 abort_time] (parallel only) */
    private StreamAbort streamAbort(PayloadReader in) {
        requireVersion(in, 2, "Stream Abort");
        requireOutsideBlock(in, "Stream Abort");
        int xid = in.i32("xid");
        int subxid = in.i32("subxid");
        if (!parallelStreaming) {
            if (in.remaining() == 16) {
                throw in.malformed("Stream Abort has 24 body bytes (the streaming 'parallel' form) but the decoder"
                        + " expects 8; build it with parallelStreaming(true)");
            }
            return new StreamAbort(xid, subxid);
        }
        if (in.remaining() == 0) {
            throw in.malformed("Stream Abort has 8 body bytes but the decoder expects 24 (streaming "
                    + "'parallel'); build it with parallelStreaming(false) unless the server sent 'parallel'");
        }
        return new StreamAbort(xid, subxid, lsn(in, "abort_lsn"), in.i64("abort_time"));
    }

    /**
     * Options for a {@link PgOutputDecoder}.
     *
     * <p><b>Thread safety:</b> not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final int protocolVersion;
        private boolean parallelStreaming;
        private boolean skipUnknownTypes;
        private Utf8Policy utf8;

        private Builder(int protocolVersion) {
            this.protocolVersion = protocolVersion;
        }

        /**
         * @param parallel whether {@code streaming 'parallel'} was requested (protocol 4): Stream Abort then
         *        carries abort LSN and time (24 body bytes instead of 8)
         * @return this
         * @throws IllegalArgumentException if {@code parallel} with a protocol version below 4
         */
        public Builder parallelStreaming(boolean parallel) {
            if (parallel && protocolVersion < 4) {
                throw new IllegalArgumentException("streaming 'parallel' needs proto_version 4, not "
                        + protocolVersion);
            }
            this.parallelStreaming = parallel;
            return this;
        }

        /**
         * @param skip whether an unknown message type decodes to {@link UnknownMessage} (default
         *        {@code false}: it is a protocol error). Known types of a newer protocol version are errors
         *        either way.
         * @return this
         */
        public Builder skipUnknownTypes(boolean skip) {
            this.skipUnknownTypes = skip;
            return this;
        }

        /**
         * @param policy how names and strings in messages (relation, namespace, column, type and origin names,
         *        message prefixes, gids) with invalid UTF-8 are handled: lenient replaces and counts them in
         *        {@link Utf8Policy#nameReplacements()}, strict throws {@link MalformedFrameException}. Default:
         *        replaced with U+FFFD, not counted.
         * @return this
         */
        public Builder utf8Policy(Utf8Policy policy) {
            this.utf8 = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @return the decoder */
        public PgOutputDecoder build() {
            return new PgOutputDecoder(this);
        }
    }
}
