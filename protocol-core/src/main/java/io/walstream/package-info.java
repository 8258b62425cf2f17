/**
 * walstream's public API: {@link io.walstream.LogicalReplicationStream} (the entry point, configured with
 * {@link io.walstream.ReplicationConfig}), its events and transactions, {@link io.walstream.Lsn} and the
 * {@link io.walstream.WalstreamException} hierarchy.
 *
 * <h2>Reconnecting and delivery guarantees</h2>
 * <p>Transient failures (connection lost or refused, server shutdown or restart, walsender timeout, a server
 * silent for {@link io.walstream.ReplicationConfig#receiveTimeout()}, a start-up or {@code START_REPLICATION}
 * answer deadline passed, a slot still held by a previous consumer) reconnect according to the
 * {@link io.walstream.ReconnectPolicy} — also while {@link io.walstream.LogicalReplicationStream#open} and the first
 * {@link io.walstream.LogicalReplicationStream#start()} run — and resume from the last <em>flushed</em> position;
 * each failure and retry is logged at WARN. Every session checks with {@code IDENTIFY_SYSTEM} that it talks to the
 * same cluster as the first (a different one ends the stream with {@link io.walstream.ClusterMismatchException};
 * a new timeline is logged), and checks the slot and the publications before streaming. The server then resends
 * every transaction not yet flushed; those whose commit this stream already delivered are skipped, so each
 * committed transaction reaches the application once per stream. A transaction that was cut off before its commit
 * is delivered again from its Begin (a raw-message consumer sees a second Begin for the same xid and must discard
 * the partial one). Permanent failures (authentication, a missing or invalidated slot, removed WAL, a missing
 * publication, bad configuration) end the stream at once with the server's SQLSTATE.
 */
package io.walstream;
