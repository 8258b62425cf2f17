package io.walstream.codec;

import io.walstream.CancelledException;
import io.walstream.ConnectionClosedException;
import io.walstream.FrameTooLargeException;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import io.walstream.TruncatedFrameException;
import io.walstream.WalstreamException;
import io.walstream.internal.Hex;
import io.walstream.internal.WireLog;
import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the bytes of a {@link ByteSource} into backend {@link Frame}s: walstream's drain loop.
 *
 * <ol>
 *   <li>If a frame is pending, return it without I/O.</li>
 *   <li>Otherwise read once from the source.</li>
 *   <li>Parse every complete frame in the buffer (at most {@code maxBatch}) into the pending queue, each
 *       payload a view of the buffer; a partial frame stays for the next read.</li>
 *   <li>Return the first.</li>
 * </ol>
 *
 * <p>Rules: the five header bytes are checked before the body is awaited or any memory is allocated for it —
 * a length below 4 is a {@link MalformedFrameException}, above the maximum a {@link FrameTooLargeException}.
 * {@code E} becomes a {@link ServerErrorException} carrying every field, thrown in stream order after the
 * frames before it; the decoder stays usable afterwards (the server follows with more messages).
 * {@code N} is logged and passed to the notice listener, not returned. {@code c} (CopyDone) is returned and
 * marks {@link #copyDoneReceived()}. A tag that no PostgreSQL backend message uses is skipped and counted.
 * End of stream between frames throws {@link ConnectionClosedException}; inside a frame,
 * {@link TruncatedFrameException}. A protocol error is returned only after every frame parsed before it, and
 * is then sticky: later calls rethrow it. The same decoder serves startup, simple queries and CopyBoth.
 *
 * <p>Memory: bytes are read into chunks (64 KiB by default). A chunk from which a {@link Frame} (or a view
 * made by {@link #currentPayloadView}) was handed out is never overwritten, so handed-out views stay valid; a
 * fresh chunk is allocated when it fills up. A chunk from which nothing was handed out since the last
 * {@link #release()} — frames were only read through the cursor ({@link #advance}), whose accessors are
 * valid until the next call — is reused in place: the partial frame at its end moves to its start. A frame
 * larger than a chunk gets a buffer that grows with the bytes that actually arrived (at most twice them),
 * never with the declared length. Parsed frames wait in a fixed-capacity queue of offsets ({@code maxBatch}
 * entries); parsing and delivering a frame through the cursor allocates nothing.
 *
 * <p><b>Thread safety:</b> not thread-safe: one reader thread calls {@link #next}. {@link #cancel()} may be
 * called from any thread. The counters may be read from any thread but are then only approximate.
 */
public final class FrameDecoder {

    /** The default maximum frame length: 128 MiB, as PostgreSQL clients commonly allow. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 128 * 1024 * 1024;
    /** The default maximum number of frames parsed per read. */
    public static final int DEFAULT_MAX_BATCH = 4096;
    /** The default read chunk size. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    /** Lifecycle of a decoder. */
    public enum State {
        /** Frames may still arrive. */
        OPEN,
        /** The source reported end of stream between frames. */
        END_OF_STREAM,
        /** A protocol or transport error ended decoding; {@link #next} rethrows it. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int HEADER = 5;
    private static final int MIN_READ_SPACE = 512;
    private static final long MAX_READ_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int EXCERPT = 32;
    /** Tags of every backend message in protocol 3.x; anything else is skipped. */
    private static final boolean[] KNOWN_TAGS = new boolean[256];
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    static {
        for (char c : "RKSZECGHWdcNAvTDI123ntsV".toCharArray()) {
            KNOWN_TAGS[c] = true;
        }
    }

    private final ByteSource source;
    private int maxFrameLength;
    private final int maxBatch;
    private int chunkSize;
    private final Consumer<ServerError> noticeListener;

    /* Frames parsed but not yet delivered: [head, tail) of these arrays, all in the current buffer (a refill
       happens only once the queue is empty); then, in stream order, at most one pending error. */
    private final byte[] pendingTag;
    private final int[] pendingOffset;
    private final int[] pendingLength;
    private int head;
    private int tail;
    private WalstreamException pendingError;

    /* The cursor: the frame delivered last. */
    private int curTag = -1;
    private byte[] curArray;
    private ByteBuffer curView;
    private int curOffset;
    private int curLength;
    private long curStreamOffset = -1;

    private byte[] buf;
    private ByteBuffer bufView;
    /** A read-only view of the whole of {@link #buf}: handed-out payload views are single slices of it. */
    private ByteBuffer bufReadOnly;
    /** Whether a view into {@link #buf} was handed out since it became current or since {@link #release()}. */
    private boolean bufRetained;
    private int readPos;
    private int writePos;
    private long bufBase;

    private State state = State.OPEN;
    private WalstreamException failure;
    private boolean copyDone;
    private volatile boolean cancelled;

    private long framesDecoded;
    /** Whether CopyData frames are parsed one at a time as they are reached; see {@link #parseCopyDataInPlace}. */
    private boolean inPlace;
    private long framesSkipped;
    private long notices;
    private long bytesRead;

    private FrameDecoder(Builder b) {
        this.source = b.source;
        this.maxFrameLength = b.maxFrameLength;
        this.maxBatch = b.maxBatch;
        this.chunkSize = b.chunkSize;
        this.noticeListener = b.noticeListener;
        this.pendingTag = new byte[maxBatch];
        this.pendingOffset = new int[maxBatch];
        this.pendingLength = new int[maxBatch];
        setBuffer(new byte[chunkSize]);
    }

    private void setBuffer(byte[] next) {
        buf = next;
        bufView = ByteBuffer.wrap(next);
        bufReadOnly = bufView.asReadOnlyBuffer();
        bufRetained = false;
    }

    /**
     * @param source where bytes come from
     * @return a builder with the defaults
     */
    public static Builder builder(ByteSource source) {
        return new Builder(source);
    }

    /**
     * @param source where bytes come from
     * @return a decoder with the default limits and no notice listener
     */
    public static FrameDecoder of(ByteSource source) {
        return builder(source).build();
    }

    /**
     * Returns the next frame, reading from the source only if none is pending.
     *
     * @param timeoutNanos how long to wait for more bytes; zero or less polls once; {@link Long#MAX_VALUE}
     *        waits without a deadline
     * @return the next frame, or {@code null} if the deadline passed before a whole frame arrived
     * @throws ServerErrorException if the next message is an ErrorResponse
     * @throws ProtocolException if the bytes break the framing rules
     * @throws ConnectionClosedException at end of stream between frames
     * @throws TransportException if the source failed
     * @throws CancelledException if {@link #cancel()} was called and no frame is buffered
     */
    public Frame next(long timeoutNanos) {
        return advance(timeoutNanos) < 0 ? null : currentFrame();
    }

    /**
     * Moves the cursor to the next frame, reading from the source only if none is pending; the zero-allocation
     * form of {@link #next}. The frame's tag is returned and its payload is then described by
     * {@link #currentArray()}, {@link #currentOffset()} and {@link #currentLength()} — valid only until the next
     * call to {@code advance} or {@code next}, which may overwrite those bytes. To keep a view beyond that, take
     * it with {@link #currentPayloadView} (or use {@link #next}).
     *
     * @param timeoutNanos as for {@link #next}
     * @return the frame's tag (0 to 255), or -1 if the deadline passed before a whole frame arrived
     * @throws ServerErrorException if the next message is an ErrorResponse
     * @throws ProtocolException if the bytes break the framing rules
     * @throws ConnectionClosedException at end of stream between frames
     * @throws TransportException if the source failed
     * @throws CancelledException if {@link #cancel()} was called and no frame is buffered
     */
    public int advance(long timeoutNanos) {
        if (head < tail) {
            return deliver();
        }
        if (pendingError != null) {
            return deliverError();
        }
        switch (state) {
            case FAILED:
                throw failure;
            case END_OF_STREAM:
                throw new ConnectionClosedException("The server closed the connection at offset " + offset()
                        + " (between frames)", offset());
            case OPEN:
            default:
                break;
        }
        head = 0;
        tail = 0;
        drain(); // frames left behind by a batch limit are parsed before any new read
        if (head < tail || pendingError != null) {
            return deliverNext();
        }
        long start = System.nanoTime();
        boolean unbounded = timeoutNanos == Long.MAX_VALUE;
        while (true) {
            if (cancelled) {
                drain();
                if (head < tail || pendingError != null) {
                    log.debug("Returning a buffered frame after cancellation");
                    return deliverNext();
                }
                throw new CancelledException("Read cancelled at offset " + offset());
            }
            long remaining = unbounded ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            long slice = Math.max(0, Math.min(remaining, MAX_READ_SLICE_NANOS));
            ensureSpace();
            bufView.limit(buf.length).position(writePos);
            int n;
            try {
                n = source.read(bufView, slice);
            } catch (IOException e) {
                state = State.FAILED;
                failure = new TransportException("Reading from the server failed at offset " + offset() + ": " + e, e);
                throw failure;
            }
            if (n < 0) {
                return endOfStream();
            }
            if (n == 0) {
                if (!unbounded && System.nanoTime() - start >= timeoutNanos) {
                    return -1;
                }
                continue;
            }
            writePos += n;
            bytesRead += n;
            drain();
            if (head < tail || pendingError != null) {
                return deliverNext();
            }
            if (!unbounded && System.nanoTime() - start >= timeoutNanos) {
                return -1;
            }
        }
    }

    /**
     * Moves the cursor to the next frame only if it is already parsed and is a CopyData ({@code d}): the
     * per-message fast path of a CopyBoth reader, with no I/O, no clock and no dispatch. Anything else — no
     * frame buffered, another tag, a pending error — leaves the decoder as it was, for {@link #advance}.
     *
     * @return whether the cursor moved to a buffered CopyData
     */
    public boolean advanceBufferedCopyData() {
        if (head < tail) {
            if (pendingTag[head] == 'd') {
                deliver();
                return true;
            }
            return false;
        }
        return inPlace && nextCopyDataInPlace();
    }

    /**
     * With an empty queue and no pending error: moves the cursor to the next frame of the buffer if it is a
     * complete, well-formed CopyData, parsing it right here (its header and body are then touched together).
     */
    private boolean nextCopyDataInPlace() {
        int r = readPos;
        int avail = writePos - r;
        if (avail < HEADER || pendingError != null || state != State.OPEN) {
            return false;
        }
        byte[] b = buf;
        int len = (int) INT_BE.get(b, r + 1);
        if (b[r] != 'd' || len < 4 || len > maxFrameLength || avail <= len) {
            return false; // anything else, or an incomplete frame: advance() parses or reads it
        }
        curTag = 'd';
        curArray = b;
        curView = bufReadOnly;
        curOffset = r + HEADER;
        curLength = len - 4;
        curStreamOffset = bufBase + r;
        readPos = r + 1 + len;
        framesDecoded++;
        return true;
    }

    /**
     * Whether a frame can be had without I/O: one is queued, or (in the {@link #parseCopyDataInPlace} mode) a
     * complete frame that is delivered (not a notice, not an unknown tag) waits unparsed in the buffer.
     *
     * @return whether {@link #advanceBufferedCopyData()} or {@link #advance} would not need to read
     */
    public boolean hasBufferedFrame() {
        if (head < tail) {
            return true;
        }
        if (!inPlace) {
            return false;
        }
        int r = readPos;
        int avail = writePos - r;
        if (avail < HEADER || avail <= (int) INT_BE.get(buf, r + 1)) {
            return false;
        }
        int tag = buf[r] & 0xff;
        return tag != 'N' && KNOWN_TAGS[tag]; // a notice or an unknown frame is consumed, not delivered
    }

    /**
     * Switches how CopyData frames are parsed, for a CopyBoth reader that takes them one by one with
     * {@link #advanceBufferedCopyData()}: when on, {@link #advance} queues at most one frame per call and
     * {@link #advanceBufferedCopyData()} parses each further CopyData when it is reached, without a queue, so that a
     * frame's header and payload are touched together. Frames, notices and errors still come in stream order, the
     * framing rules are the same; only what {@link #pendingFrames()} reports, and when a notice or a CopyDone is
     * seen (when it is reached, not when its chunk arrives), differ. Reader thread only.
     *
     * @param on whether to parse CopyData frames as they are reached
     */
    public void parseCopyDataInPlace(boolean on) {
        this.inPlace = on;
    }

    /**
     * Changes the limits of {@link Builder#maxFrameLength} and {@link Builder#chunkSize} for bytes not parsed
     * yet (the chunk size from the next chunk allocated). Reader thread only.
     *
     * @param maxFrameLength the largest length field accepted, 4 to {@code Integer.MAX_VALUE - 8}
     * @param chunkSize the read chunk size in bytes, at least 64
     */
    public void limits(int maxFrameLength, int chunkSize) {
        Builder checked = new Builder(source).maxFrameLength(maxFrameLength).chunkSize(chunkSize);
        this.maxFrameLength = checked.maxFrameLength;
        this.chunkSize = checked.chunkSize;
    }

    /**
     * Asks a blocked or later {@link #next} to stop: frames already buffered are still returned, then
     * {@link CancelledException} is thrown. Takes effect within about 100 ms; callable from any thread.
     */
    public void cancel() {
        cancelled = true;
    }

    /** @return the decoder's state */
    public State state() {
        return state;
    }

    /** @return whether a CopyDone ({@code c}) frame has been parsed */
    public boolean copyDoneReceived() {
        return copyDone;
    }

    /** @return frames parsed and queued (excluding notices, errors and skipped frames) */
    public long framesDecoded() {
        return framesDecoded;
    }

    /** @return frames with an unknown tag that were skipped */
    public long framesSkipped() {
        return framesSkipped;
    }

    /** @return NoticeResponse messages seen */
    public long notices() {
        return notices;
    }

    /** @return bytes read from the source */
    public long bytesRead() {
        return bytesRead;
    }

    /** @return frames parsed but not yet returned */
    public int pendingFrames() {
        return tail - head;
    }

    /** @return the tag of the frame the cursor is on, or -1 before the first */
    public int currentTag() {
        return curTag;
    }

    /**
     * @return the array holding the current frame's payload; read only {@link #currentLength()} bytes from
     *         {@link #currentOffset()}, and only until the next {@link #advance}/{@link #next}; never write to it
     */
    public byte[] currentArray() {
        return curArray;
    }

    /**
     * @return a read-only view of the whole of {@link #currentArray()} (position 0, the array's length), shared by
     *         every frame of that array: slice it to view a payload; reading through it has the same validity as
     *         the array (keep it with {@link #retainCurrent()})
     */
    public ByteBuffer currentArrayView() {
        return curView;
    }

    /** @return where the current frame's payload starts in {@link #currentArray()} */
    public int currentOffset() {
        return curOffset;
    }

    /** @return the current frame's payload length */
    public int currentLength() {
        return curLength;
    }

    /** @return the stream offset of the current frame's tag byte */
    public long currentStreamOffset() {
        return curStreamOffset;
    }

    /**
     * @return the current frame as a {@link Frame} that stays valid after later reads (the decoder then no longer
     *         reuses that memory, until {@link #release()})
     * @throws IllegalStateException before the first frame
     */
    public Frame currentFrame() {
        if (curTag < 0) {
            throw new IllegalStateException("No frame has been read yet");
        }
        bufRetained |= curArray == buf;
        return new Frame((byte) curTag, curArray, curOffset, curLength, curStreamOffset, curView);
    }

    /**
     * Returns a read-only view of the current frame's payload from {@code from} on, which stays valid after
     * later reads (the decoder then no longer reuses that memory, until {@link #release()}).
     *
     * @param from an offset into the payload, 0 to {@link #currentLength()}
     * @return a read-only big-endian view, position 0
     */
    public ByteBuffer currentPayloadView(int from) {
        Objects.checkFromToIndex(from, curLength, curLength);
        bufRetained |= curArray == buf;
        return curView.slice(curOffset + from, curLength - from);
    }

    /**
     * Keeps the current frame's bytes from being overwritten by later reads (until {@link #release()}), for a
     * caller that hands out its own object over {@link #currentArray()} instead of a {@link Frame} or view.
     */
    public void retainCurrent() {
        bufRetained |= curArray == buf;
    }

    /**
     * Declares that no frame and no view handed out so far is used any more, so the decoder may overwrite the
     * memory behind them on a later read instead of allocating a fresh chunk. Call it only if that is true:
     * a view used after it may show other bytes. Reader thread only.
     */
    public void release() {
        bufRetained = false;
    }

    /** @return the stream offset of the first byte not yet parsed */
    public long offset() {
        return bufBase + readPos;
    }

    private int deliverNext() {
        return head < tail ? deliver() : deliverError();
    }

    private int deliver() {
        int i = head++;
        curTag = pendingTag[i] & 0xff;
        curArray = buf;
        curView = bufReadOnly;
        curOffset = pendingOffset[i];
        curLength = pendingLength[i];
        curStreamOffset = bufBase + curOffset - HEADER;
        return curTag;
    }

    private int deliverError() {
        WalstreamException e = pendingError;
        pendingError = null;
        if (e instanceof ProtocolException) {
            state = State.FAILED;
            failure = e;
        }
        throw e;
    }

    private int endOfStream() {
        int buffered = writePos - readPos;
        drain();
        if (head < tail || pendingError != null) {
            // Cannot happen for bytes parsed before this read, but keep the order guarantee regardless.
            return deliverNext();
        }
        if (buffered == 0) {
            state = State.END_OF_STREAM;
            throw new ConnectionClosedException("The server closed the connection at offset " + offset()
                    + " (between frames)", offset());
        }
        int tag = buf[readPos] & 0xff;
        String expected = buffered >= HEADER ? String.valueOf(1 + (long) readInt(readPos + 1)) : "at least " + HEADER;
        TruncatedFrameException e = new TruncatedFrameException("The connection ended inside frame "
                + ProtocolException.describeTag(tag) + " at offset " + offset() + " after " + buffered
                + " of " + expected + " bytes", tag, offset(), excerpt(readPos));
        state = State.FAILED;
        failure = e;
        throw e;
    }

    /** Parses complete frames from the buffer into the pending queue; called only when it is empty. */
    private void drain() {
        byte[] b = buf;
        int r = readPos;
        int w = writePos;
        int t = tail;
        int fast = 0;
        try {
            int limit = inPlace ? 1 : maxBatch; // in place: the rest is parsed when reached
            while (t < limit && w - r >= HEADER) {
                int tag = b[r] & 0xff;
                int len = (int) INT_BE.get(b, r + 1); // one load, not four
                if (tag == 'd' && len >= 4 && len <= maxFrameLength) { // the hot path: CopyData
                    if (w - r <= len) {
                        return;
                    }
                    pendingTag[t] = (byte) tag;
                    pendingOffset[t] = r + HEADER;
                    pendingLength[t] = len - 4;
                    t++;
                    fast++;
                    r += 1 + len;
                    continue;
                }
                readPos = r;
                tail = t;
                boolean more = drainOther(tag, len);
                r = readPos;
                t = tail;
                if (!more) {
                    return;
                }
            }
        } finally {
            framesDecoded += fast;
            readPos = r;
            tail = t;
        }
    }

    /**
     * Parses the frame at {@link #readPos} that is not a well-formed CopyData; returns whether parsing may go on.
     */
    private boolean drainOther(int tag, int len) {
        {
            long frameOffset = bufBase + readPos;
            if (len < 4) {
                pendingError = (new MalformedFrameException("Frame " + ProtocolException.describeTag(tag)
                        + " at offset " + frameOffset + " declares invalid message length " + len
                        + " (must be >= 4); the stream is corrupt", tag, frameOffset, excerpt(readPos)));
                return false;
            }
            if (len > maxFrameLength) {
                pendingError = (new FrameTooLargeException("Frame " + ProtocolException.describeTag(tag)
                        + " at offset " + frameOffset + " declares length " + len + ", which exceeds maximum "
                        + maxFrameLength + "; if this is legitimate, raise ReplicationConfig.Builder.maxFrameLength"
                        + " (transport option MAX_FRAME_LENGTH)",
                        tag, frameOffset, excerpt(readPos), len, maxFrameLength));
                return false;
            }
            int total = 1 + len;
            if (writePos - readPos < total) {
                return false;
            }
            int payloadStart = readPos + HEADER;
            int payloadLength = len - 4;
            readPos += total;
            if (tag != 'd') { // CopyData is traced decoded by the CopyBoth layer
                WireLog.inbound(tag, len, frameOffset);
            }
            switch (tag) {
                case 'E': {
                    ServerError error = parseFields(tag, payloadStart, payloadLength, frameOffset);
                    if (error == null) {
                        return false;
                    }
                    pendingError = new ServerErrorException(error);
                    return false;
                }
                case 'N': {
                    ServerError notice = parseFields(tag, payloadStart, payloadLength, frameOffset);
                    if (notice == null) {
                        return false;
                    }
                    notices++;
                    onNotice(notice);
                    break;
                }
                default:
                    if (!KNOWN_TAGS[tag]) {
                        framesSkipped++;
                        log.debug("Skipping frame with unknown tag {} at offset {} (length {})",
                                ProtocolException.describeTag(tag), frameOffset, len);
                        break;
                    }
                    if (tag == 'c') {
                        copyDone = true;
                    }
                    pendingTag[tail] = (byte) tag;
                    pendingOffset[tail] = payloadStart;
                    pendingLength[tail] = payloadLength;
                    tail++;
                    framesDecoded++;
                    break;
            }
            return true;
        }
    }

    private ServerError parseFields(int tag, int start, int length, long frameOffset) {
        try {
            return ServerError.parse(ByteBuffer.wrap(buf, start, length));
        } catch (IllegalArgumentException e) {
            pendingError = (new MalformedFrameException("Frame " + ProtocolException.describeTag(tag) + " at offset "
                    + frameOffset + " has malformed fields: " + e.getMessage(), tag, frameOffset,
                    Hex.excerpt(buf, start - HEADER, start + length, EXCERPT)));
            return null;
        }
    }

    private void onNotice(ServerError notice) {
        if ("WARNING".equals(notice.severity())) {
            log.warn("Server notice: {}", notice.summary());
        } else {
            log.debug("Server notice: {}", notice.summary());
        }
        if (noticeListener != null) {
            try {
                noticeListener.accept(notice);
            } catch (RuntimeException e) {
                log.warn("Notice listener threw; the notice was still consumed", e);
            }
        }
    }

    /** Makes room for the next read without touching bytes a handed-out frame may still see. */
    private void ensureSpace() {
        int buffered = writePos - readPos;
        if (!bufRetained && buffered == 0 && readPos > 0) {
            // Nothing handed out points here and nothing is buffered: start over at the front, for free.
            bufBase += readPos;
            readPos = 0;
            writePos = 0;
        }
        long needed;
        if (buffered >= HEADER) {
            needed = 1L + readInt(readPos + 1);
        } else {
            needed = HEADER;
        }
        boolean fits = readPos + needed <= buf.length;
        // A frame that does not fit but already starts at index 0 keeps filling this buffer; it grows (doubling)
        // only once full, so a large frame arriving in small reads is copied O(log n) times, not once per read.
        boolean keepFilling = fits || readPos == 0;
        if (keepFilling && writePos < buf.length && (buffered > 0 || buf.length - writePos >= MIN_READ_SPACE)) {
            return;
        }
        if (!bufRetained && needed <= buf.length && (buf.length <= chunkSize || needed > chunkSize)) {
            // Reuse this buffer: move the partial frame at its end to its start.
            System.arraycopy(buf, readPos, buf, 0, buffered);
            bufBase += readPos;
            readPos = 0;
            writePos = buffered;
            return;
        }
        long target = needed <= chunkSize ? chunkSize : Math.min(needed, Math.max(chunkSize, 2L * buffered));
        byte[] next = new byte[(int) Math.max(target, chunkSize)];
        System.arraycopy(buf, readPos, next, 0, buffered);
        bufBase += readPos;
        setBuffer(next);
        readPos = 0;
        writePos = buffered;
    }

    private int readInt(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                | (buf[at + 3] & 0xff);
    }

    private String excerpt(int from) {
        return Hex.excerpt(buf, from, writePos, EXCERPT);
    }

    /**
     * Configures a {@link FrameDecoder}.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine to one thread.
     */
    public static final class Builder {
        private final ByteSource source;
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Consumer<ServerError> noticeListener;

        private Builder(ByteSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * @param maxFrameLength the largest length field accepted (counts its own four bytes), 4 to
         *        {@code Integer.MAX_VALUE - 8}
         * @return this builder
         */
        public Builder maxFrameLength(int maxFrameLength) {
            if (maxFrameLength < 4 || maxFrameLength > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " outside 4.."
                        + (Integer.MAX_VALUE - 8));
            }
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /**
         * @param maxBatch how many frames one read may queue, at least 1
         * @return this builder
         */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /**
         * @param chunkSize the read buffer chunk size in bytes, at least 64
         * @return this builder
         */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 64) {
                throw new IllegalArgumentException("chunkSize must be at least 64, got " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * @param listener called on the reader thread for every NoticeResponse; may be {@code null}
         * @return this builder
         */
        public Builder noticeListener(Consumer<ServerError> listener) {
            this.noticeListener = listener;
            return this;
        }

        /** @return the decoder */
        public FrameDecoder build() {
            return new FrameDecoder(this);
        }
    }
}
