package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.codec.FrontendMessages;
import java.nio.ByteBuffer;

/**
 * The client's progress report.
 *
 * <pre>
 * Byte1 'r' | Int64 written | Int64 flushed | Int64 applied | Int64 clock (µs since 2000-01-01)
 *           | Byte1 replyRequested
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param written the last WAL position received
 * @param flushed the last position durably processed; the server may recycle WAL before it
 * @param applied the last position applied
 * @param clockMicros the client's clock, µs since 2000-01-01 UTC (see {@link PgTime})
 * @param replyRequested whether the server should answer at once
 */
public record StandbyStatusUpdate(Lsn written, Lsn flushed, Lsn applied, long clockMicros, boolean replyRequested) {

    /** @return the CopyData message carrying this update */
    public ByteBuffer encode() {
        ByteBuffer body = ByteBuffer.allocate(1 + 8 * 4 + 1);
        body.put((byte) 'r').putLong(written.value()).putLong(flushed.value()).putLong(applied.value())
                .putLong(clockMicros).put((byte) (replyRequested ? 1 : 0));
        return FrontendMessages.copyData(body.flip());
    }
}
