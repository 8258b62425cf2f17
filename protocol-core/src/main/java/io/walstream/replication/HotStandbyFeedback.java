package io.walstream.replication;

import io.walstream.codec.FrontendMessages;
import java.nio.ByteBuffer;

/**
 * Hot standby feedback, sent by a physical standby so the primary keeps rows its queries still need.
 *
 * <pre>
 * Byte1 'h' | Int64 clock (µs since 2000-01-01) | Int32 xmin | Int32 xmin epoch
 *           | Int32 catalog_xmin | Int32 catalog_xmin epoch
 * </pre>
 *
 * <p>Only for physical replication: on a logical connection the walsender would apply the values to the
 * logical slot. An xmin and catalog_xmin of 0 stop the feedback.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param clockMicros the client's clock
 * @param xmin the standby's global xmin (unsigned), or 0
 * @param xminEpoch its epoch
 * @param catalogXmin the lowest catalog_xmin of the standby's slots (unsigned), or 0
 * @param catalogXminEpoch its epoch
 */
public record HotStandbyFeedback(long clockMicros, int xmin, int xminEpoch, int catalogXmin, int catalogXminEpoch) {

    /** @return the CopyData message carrying this feedback */
    public ByteBuffer encode() {
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + 4 * 4);
        body.put((byte) 'h').putLong(clockMicros).putInt(xmin).putInt(xminEpoch).putInt(catalogXmin)
                .putInt(catalogXminEpoch);
        return FrontendMessages.copyData(body.flip());
    }
}
