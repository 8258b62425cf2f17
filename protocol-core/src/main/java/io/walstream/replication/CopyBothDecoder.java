package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import io.walstream.codec.Frame;
import java.nio.ByteBuffer;

/**
 * Decodes the payload of a CopyData frame received in CopyBoth into a {@link ReplicationMessage}: the second
 * layer, above {@link io.walstream.codec.FrameDecoder} and below the pgoutput decoder.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class CopyBothDecoder {

    private static final int XLOG_HEADER = 1 + 8 + 8 + 8;
    private static final int KEEPALIVE_LENGTH = 1 + 8 + 8 + 1;

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
        ByteBuffer p = frame.payload();
        if (!p.hasRemaining()) {
            throw malformed(frame, "is an empty CopyData (no replication message type)");
        }
        byte kind = p.get(0);
        switch (kind) {
            case 'w':
                if (p.remaining() < XLOG_HEADER) {
                    throw malformed(frame, "holds an XLogData of " + p.remaining() + " bytes, shorter than its "
                            + XLOG_HEADER + "-byte header");
                }
                return new XLogData(Lsn.of(p.getLong(1)), Lsn.of(p.getLong(9)), p.getLong(17),
                        p.position(XLOG_HEADER).slice());
            case 'k':
                if (p.remaining() < KEEPALIVE_LENGTH) {
                    throw malformed(frame, "holds a keepalive of " + p.remaining() + " bytes, shorter than "
                            + KEEPALIVE_LENGTH);
                }
                return new PrimaryKeepalive(Lsn.of(p.getLong(1)), p.getLong(9), p.get(17) != 0);
            default:
                throw malformed(frame, "holds unknown replication message type "
                        + ProtocolException.describeTag(kind & 0xff));
        }
    }

    private static MalformedFrameException malformed(Frame frame, String what) {
        return new MalformedFrameException("Frame " + ProtocolException.describeTag(frame.tag()) + " at offset "
                + frame.streamOffset() + " " + what, frame.tag(), frame.streamOffset(), frame.hexExcerpt());
    }
}
