package io.walstream;

import java.time.Instant;

/**
 * A snapshot of a {@link LogicalReplicationStream}'s progress.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param received the last position received
 * @param flushed the last position reported as flushed
 * @param applied the last position reported as applied
 * @param serverWalEnd the server's WAL end from the last message or keepalive
 * @param lagBytes {@code serverWalEnd - flushed}, or 0 if unknown
 * @param messages pgoutput messages delivered
 * @param bytes bytes read from the server, framing included
 * @param reconnects reconnections so far
 * @param lastKeepalive when the last keepalive arrived, or {@code null}
 */
public record StreamMetrics(Lsn received, Lsn flushed, Lsn applied, Lsn serverWalEnd, long lagBytes, long messages,
                            long bytes, long reconnects, Instant lastKeepalive) {
}
