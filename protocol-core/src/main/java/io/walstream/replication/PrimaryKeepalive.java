package io.walstream.replication;

import io.walstream.Lsn;

/**
 * A keepalive from the server.
 *
 * <pre>
 * Byte1 'k' | Int64 walEnd | Int64 sendTime (µs since 2000-01-01) | Byte1 replyRequested (1 = reply now)
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param walEnd the server's current end of WAL
 * @param sendTimeMicros the server's clock, µs since 2000-01-01 UTC
 * @param replyRequested whether the server asks for a status update at once
 */
public record PrimaryKeepalive(Lsn walEnd, long sendTimeMicros, boolean replyRequested)
        implements ReplicationMessage {

    @Override
    public String describe() {
        return "PrimaryKeepalive walEnd=" + walEnd + " sendTime=" + sendTimeMicros + " reply=" + replyRequested;
    }
}
