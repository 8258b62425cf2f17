package io.walstream.replication;

import io.walstream.Lsn;
import java.nio.ByteBuffer;

/**
 * WAL data from the server.
 *
 * <pre>
 * Byte1 'w' | Int64 walStart | Int64 walEnd | Int64 sendTime (µs since 2000-01-01) | Byte[n] data
 * </pre>
 *
 * <p>See <a href="https://www.postgresql.org/docs/current/protocol-replication.html">Streaming Replication
 * Protocol</a>.
 *
 * <p><b>Thread safety:</b> immutable; {@link #data()} returns a new read-only view each call.
 *
 * @param walStart the WAL position of the start of the data
 * @param walEnd the server's current end of WAL
 * @param sendTimeMicros the server's clock when it sent this, in µs since 2000-01-01 UTC
 * @param payload the WAL data (a pgoutput message for logical replication); read-only
 */
public record XLogData(Lsn walStart, Lsn walEnd, long sendTimeMicros, ByteBuffer payload)
        implements ReplicationMessage {

    /** @return a fresh read-only view of the payload, position 0 */
    public ByteBuffer data() {
        return payload.duplicate();
    }

    @Override
    public String describe() {
        return "XLogData walStart=" + walStart + " walEnd=" + walEnd + " sendTime=" + sendTimeMicros
                + " len=" + payload.remaining();
    }
}
