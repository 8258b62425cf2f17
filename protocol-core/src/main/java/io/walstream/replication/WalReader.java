package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.conn.CopyBoth;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The read path under {@link WalStream}: moves the connection's frame cursor to the next CopyData and parses its
 * replication header in place, straight from the read buffer — no frame object, no {@code ByteBuffer}, nothing
 * allocated until the caller asks for an {@link XLogData} or a {@link PrimaryKeepalive}. Not public.
 *
 * <p><b>Thread safety:</b> confined to the stream's reading thread.
 */
final class WalReader {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The largest XLogData payload that {@link #xlogData()} copies out of the read chunk. */
    static final int COPY_LIMIT = 8192;

    private final CopyBoth copy;
    private final FrameDecoder decoder;

    private long walStart;
    private long walEnd;
    private long sendTimeMicros;
    private boolean replyRequested;

    WalReader(CopyBoth copy) {
        this.copy = copy;
        this.decoder = copy.decoder();
        decoder.parseCopyDataInPlace(true); // each XLogData is parsed when it is reached, not a chunk ahead
    }

    /**
     * @param timeoutNanos how long to wait; zero polls
     * @return {@code 'w'} (XLogData) or {@code 'k'} (keepalive), or -1 on timeout or once the server ended COPY
     * @throws MalformedFrameException if the CopyData is empty, too short for its type, or of an unknown type
     */
    int advance(long timeoutNanos) {
        // A CopyData already parsed needs none of CopyBoth's waiting and dispatch (it would return it as is).
        boolean buffered = !copy.isServerDone() && decoder.advanceBufferedCopyData();
        if (!buffered && copy.advance(timeoutNanos) < 0) {
            return -1;
        }
        byte[] a = decoder.currentArray();
        int p = decoder.currentOffset();
        int length = decoder.currentLength();
        if (length == 0) {
            throw malformed("is an empty CopyData (no replication message type)");
        }
        int kind = a[p];
        if (kind == 'w') {
            if (length < CopyBothDecoder.XLOG_HEADER) {
                throw malformed(CopyBothDecoder.tooShort("an XLogData", length, CopyBothDecoder.XLOG_HEADER));
            }
            walStart = readLong(a, p + 1);
            walEnd = readLong(a, p + 9);
            sendTimeMicros = readLong(a, p + 17);
            return 'w';
        }
        if (kind == 'k') {
            if (length < CopyBothDecoder.KEEPALIVE_LENGTH) {
                throw malformed(CopyBothDecoder.tooShort("a keepalive", length, CopyBothDecoder.KEEPALIVE_LENGTH));
            }
            walEnd = readLong(a, p + 1);
            sendTimeMicros = readLong(a, p + 9);
            replyRequested = a[p + 17] != 0;
            return 'k';
        }
        throw malformed(CopyBothDecoder.unknownType(kind));
    }

    /** @return walStart of the current XLogData */
    long walStart() {
        return walStart;
    }

    /** @return walEnd of the current message */
    long walEnd() {
        return walEnd;
    }

    /** @return the send time of the current message */
    long sendTimeMicros() {
        return sendTimeMicros;
    }

    /** @return the CopyData length field of the current frame (payload plus four) */
    int copyDataLength() {
        return decoder.currentLength() + 4;
    }

    /** @return the array holding the current XLogData's data; valid until the next {@link #advance} */
    byte[] dataArray() {
        return decoder.currentArray();
    }

    /** @return where the current XLogData's data starts in {@link #dataArray()} */
    int dataOffset() {
        return decoder.currentOffset() + CopyBothDecoder.XLOG_HEADER;
    }

    /** @return the current XLogData's data length */
    int dataLength() {
        return decoder.currentLength() - CopyBothDecoder.XLOG_HEADER;
    }

    /** @return whether more frames are parsed and can be delivered without I/O */
    boolean hasBuffered() {
        return decoder.hasBufferedFrame();
    }

    /**
     * @return the current XLogData, whose data stays valid after later reads: a payload of up to
     *         {@link #COPY_LIMIT} bytes is copied (one small array, and the read chunk stays reusable — cheaper
     *         than a fresh, cache-cold chunk per refill), a larger one is a range of the read chunk, which is then
     *         kept (until {@link #release()})
     */
    XLogData xlogData() {
        int offset = dataOffset();
        int length = dataLength();
        if (length <= COPY_LIMIT) {
            byte[] copy = Arrays.copyOfRange(decoder.currentArray(), offset, offset + length);
            return new XLogData(walStart, walEnd, sendTimeMicros, copy, null, 0, length);
        }
        decoder.retainCurrent();
        return new XLogData(walStart, walEnd, sendTimeMicros, decoder.currentArray(), decoder.currentArrayView(),
                offset, length);
    }

    /** @return the current keepalive */
    PrimaryKeepalive keepalive() {
        return new PrimaryKeepalive(Lsn.of(walEnd), sendTimeMicros, replyRequested);
    }

    /** Lets the decoder reuse the memory behind every XLogData handed out so far. */
    void release() {
        decoder.release();
    }

    private MalformedFrameException malformed(String what) {
        Frame f = decoder.currentFrame();
        return new MalformedFrameException("Frame " + ProtocolException.describeTag(f.tag()) + " at offset "
                + f.streamOffset() + " " + what, f.tag(), f.streamOffset(), f.hexExcerpt());
    }

    /** One big-endian load (the JIT makes it a load and a byte swap), not eight byte loads and shifts. */
    private static long readLong(byte[] a, int p) {
        return (long) LONG_BE.get(a, p);
    }
}
