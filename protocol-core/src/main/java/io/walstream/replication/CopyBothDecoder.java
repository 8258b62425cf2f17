package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import io.walstream.codec.Frame;

/**
 * Decodes the payload of a CopyData frame received in CopyBoth into a {@link ReplicationMessage}: the second
 * layer, above {@link io.walstream.codec.FrameDecoder} and below the pgoutput decoder.
 *
 * <p>The headers are read straight from the frame's bytes; an XLogData costs one payload view (a single slice
 * of the read buffer, not a copy) besides the {@link XLogData} itself, which keeps its positions as primitives.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class CopyBothDecoder {

    /** Length of the XLogData header: type byte, walStart, walEnd, sendTime. */
    static final int XLOG_HEADER = 1 + 8 + 8 + 8;
    /** Length of a primary keepalive: type byte, walEnd, sendTime, reply flag. */
    static final int KEEPALIVE_LENGTH = 1 + 8 + 8 + 1;

    private CopyBothDecoder() {
    }

    /**
     * @param frame a CopyData ({@code d}) frame
     * @return the message; an {@link XLogData}'s payload is a view of the frame, not a copy
     * @throws MalformedFrameException if the frame is not CopyData, the message type is unknown, or the
     *         payload is too short for its type
     */
    public static ReplicationMessage decode(Frame frame) {
        if (frame.tag() != 'd') {
            throw malformed(frame, "is not CopyData");
        }
        int length = frame.payloadLength();
        if (length == 0) {
            throw malformed(frame, "is an empty CopyData (no replication message type)");
        }
        byte kind = frame.payloadByte(0);
        switch (kind) {
            case 'w':
                if (length < XLOG_HEADER) {
                    throw malformed(frame, tooShort("an XLogData", length, XLOG_HEADER));
                }
                return new XLogData(Lsn.of(frame.payloadLong(1)), Lsn.of(frame.payloadLong(9)), frame.payloadLong(17),
                        frame.payloadView(XLOG_HEADER));
            case 'k':
                if (length < KEEPALIVE_LENGTH) {
                    throw malformed(frame, tooShort("a keepalive", length, KEEPALIVE_LENGTH));
                }
                return new PrimaryKeepalive(Lsn.of(frame.payloadLong(1)), frame.payloadLong(9),
                        frame.payloadByte(17) != 0);
            default:
                throw malformed(frame, unknownType(kind));
        }
    }

    static String tooShort(String what, int length, int needed) {
        return "holds " + what + " of " + length + " bytes, shorter than "
                + (needed == XLOG_HEADER ? "its " + needed + "-byte header" : String.valueOf(needed));
    }

    static String unknownType(int kind) {
        return "holds unknown replication message type " + ProtocolException.describeTag(kind & 0xff);
    }

    private static MalformedFrameException malformed(Frame frame, String what) {
        return new MalformedFrameException("Frame " + ProtocolException.describeTag(frame.tag()) + " at offset "
                + frame.streamOffset() + " " + what, frame.tag(), frame.streamOffset(), frame.hexExcerpt());
    }
}
